package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.TokenConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.Map;

/**
 * The warm token cache: {@link TokenCache#fetch()} once a token is cached (one volatile read and an
 * {@code Instant} comparison), and the driver's per-connect lookup of the shared cache for a configuration followed by
 * that hit.
 */
@State(Scope.Benchmark)
public class TokenCacheBenchmark {

  private TokenCache cache;
  private TokenConfig config;

  @Setup
  public void setUp() throws TokenException {
    Token token = BenchTokens.token();
    cache = TokenCache.builder(() -> token).label("benchmark").build();
    cache.fetch();
    config = TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", BenchTokens.jwt(),
        "jwt.clockSkew", "30s"), BenchTokens.SUBJECT);
    TokenCaches.forConfig(config).fetch();
  }

  @TearDown
  public void tearDown() {
    cache.close();
    TokenCaches.clear();
  }

  /** Target: under 100 ns. */
  @Benchmark
  public Token warmHit() throws TokenException {
    return cache.fetch();
  }

  /** What {@code JwtDriver.connect} does: find the shared cache of a configuration, then the hit. */
  @Benchmark
  public Token sharedCacheLookupAndHit() throws TokenException {
    return TokenCaches.forConfig(config).fetch();
  }
}
