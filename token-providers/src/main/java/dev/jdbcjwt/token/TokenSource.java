package dev.jdbcjwt.token;

/**
 * Where tokens come from: an identity provider, a file, a signing key. One method, called whenever a token is
 * needed; caching, refresh-ahead and retries are decorators around it, not its job.
 *
 * <p>Implementations must be thread-safe and must never log or put in an exception message the token or any secret.
 */
@FunctionalInterface
public interface TokenSource extends AutoCloseable {

  /**
   * Obtains a token now.
   *
   * @return a fresh token
   * @throws TokenException when no token can be obtained; its kind says whether to retry
   */
  Token fetch() throws TokenException;

  /** Releases what the source holds (HTTP clients, watchers). The default does nothing. */
  @Override
  default void close() {
  }
}
