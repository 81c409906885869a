package dev.jdbcjwt.token;

/**
 * Where tokens come from: an identity provider, a file, a signing key. One method, called whenever a token is
 * needed; caching, refresh-ahead, single flight and retries are layers around it, not its job:
 * {@link dev.jdbcjwt.token.cache.TokenCacheBuilder} wraps a source so that an unusable token counts as a failure,
 * calls it through a single flight and caches its tokens with refresh ahead and backoff
 * ({@link dev.jdbcjwt.token.cache.TokenCache}, itself a {@code TokenSource}). A source is called from one thread at a
 * time when it sits under a cache, but may be used without one.
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
