package dev.jdbcjwt.token.cache;

/**
 * Receives a cache's events. Called on the thread where the event happened (a connecting thread or the refresh
 * thread): keep it quick and do not throw; exceptions are caught and ignored.
 */
@FunctionalInterface
public interface TokenListener {
  /**
   * Called for each event of the caches it listens to.
   *
   * @param event what happened
   */
  void onEvent(TokenEvent event);
}
