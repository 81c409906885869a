package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cache per distinct token configuration, shared by every connection and DataSource in the JVM that uses it.
 * Different configurations never share tokens.
 */
public final class TokenCaches {

  private static final Map<TokenConfig, CachingTokenSource> CACHES = new ConcurrentHashMap<>();

  private TokenCaches() {
  }

  /** The shared cache for {@code config}, created (and its source validated) on first use. */
  public static CachingTokenSource forConfig(TokenConfig config) throws TokenException {
    CachingTokenSource cache = CACHES.get(config);
    if (cache != null) {
      return cache;
    }
    synchronized (CACHES) {
      cache = CACHES.get(config);
      if (cache == null) {
        Clock clock = Clock.systemUTC();
        Duration skew = config.duration(JwtOption.CLOCK_SKEW).orElseThrow();
        cache = new CachingTokenSource(TokenSources.create(config, clock), clock, skew);
        CACHES.put(config, cache);
      }
      return cache;
    }
  }

  /** Closes and forgets every cache (for redeploying applications and for tests). */
  public static void clear() {
    synchronized (CACHES) {
      CACHES.values().forEach(CachingTokenSource::close);
      CACHES.clear();
    }
  }
}
