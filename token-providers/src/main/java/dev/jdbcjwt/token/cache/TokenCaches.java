package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.Redaction;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * One {@link TokenCache} per distinct token configuration, shared by every connection and DataSource in the JVM that
 * uses it. Different configurations never share tokens. Listeners added here see the events of every cache. Caches
 * have a lifecycle ({@link TokenCacheRegistry}): one unused for about a token lifetime closes and is made again on
 * its next use; at most {@link #maxCaches()} (default {@value TokenCacheRegistry#DEFAULT_MAX_CACHES}) are live.
 */
public final class TokenCaches {

  private static final TokenCacheRegistry SHARED = new TokenCacheRegistry(TokenCacheRegistry.DEFAULT_MAX_CACHES);

  private TokenCaches() {
  }

  /**
   * The JVM-wide registry behind this facade (system clock, shared threads).
   *
   * @return the shared registry
   */
  public static TokenCacheRegistry registry() {
    return SHARED;
  }

  /**
   * The shared cache for {@code config}, created (and its source validated) on first use.
   *
   * @param config the token configuration
   * @return its cache
   * @throws TokenException (CONFIGURATION) when the configuration names no usable source
   */
  public static TokenCache forConfig(TokenConfig config) throws TokenException {
    return SHARED.forConfig(config);
  }

  /**
   * "provider 'signed' for user 'app' (issuer https://idp)": what logs, events, metric tags and health keys call a
   * cache; the first of issuer, token endpoint, client id, token file or command tells apart caches of one provider
   * and user, printed as {@link Redaction#option} prints it (an endpoint without its query, a command as its
   * program). Never a secret.
   */
  static String labelOf(TokenConfig config) {
    String where = Stream.of(JwtOption.ISSUER, JwtOption.TOKEN_ENDPOINT, JwtOption.CLIENT_ID,
            JwtOption.TOKEN_FILE, JwtOption.COMMAND)
        .filter(o -> config.options().containsKey(o.key()))
        .findFirst()
        .map(o -> " (" + o.key().substring(JwtOption.PREFIX.length()) + " "
            + Redaction.option(o.key(), config.options().get(o.key())) + ")")
        .orElse("");
    return "provider '" + config.get(JwtOption.PROVIDER).orElse("?") + "'"
        + config.user().map(u -> " for user '" + u + "'").orElse("") + where;
  }

  /**
   * Adds a listener for the events of every cache, present and future.
   *
   * @param listener receives the events
   */
  public static void addListener(TokenListener listener) {
    SHARED.addListener(listener);
  }

  /**
   * Removes a listener added with {@link #addListener}; pass the same instance (a method reference written twice,
   * such as {@code list::add}, is two different listeners).
   *
   * @param listener the listener to remove
   */
  public static void removeListener(TokenListener listener) {
    SHARED.removeListener(listener);
  }

  /**
   * See {@link TokenCacheRegistry#watch}: events of {@code config}'s cache, across re-creations.
   *
   * @param config the token configuration to follow
   * @param listener receives its events
   */
  public static void watch(TokenConfig config, TokenListener listener) {
    SHARED.watch(config, listener);
  }

  /**
   * Removes a listener added with {@link #watch}; pass the same instance.
   *
   * @param config the token configuration
   * @param listener the listener to remove
   */
  public static void unwatch(TokenConfig config, TokenListener listener) {
    SHARED.unwatch(config, listener);
  }

  /**
   * The caches in use, for health checks and metrics.
   *
   * @return the caches that are not closed
   */
  public static List<TokenCache> all() {
    return SHARED.all();
  }

  /**
   * The cap on live caches in this JVM.
   *
   * @return the cap
   */
  public static int maxCaches() {
    return SHARED.maxCaches();
  }

  /**
   * Sets the cap on live caches in this JVM (application code only; there is no URL option for it). Beyond it the
   * least recently used cache is closed, with one WARNING.
   *
   * @param max the cap (at least 1)
   */
  public static void setMaxCaches(int max) {
    SHARED.setMaxCaches(max);
  }

  /** Closes and forgets every cache (for redeploying applications and for tests). */
  public static void clear() {
    SHARED.clear();
  }

  /**
   * Closes every cache and stops the shared refresh threads, for application servers that redeploy: afterwards no
   * thread of this library runs and no class loader is held.
   *
   * @return true if the threads stopped within {@code wait}
   * @param wait how long to wait for running work
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean shutdown(Duration wait) throws InterruptedException {
    clear();
    return SharedScheduler.shutdown(wait);
  }
}
