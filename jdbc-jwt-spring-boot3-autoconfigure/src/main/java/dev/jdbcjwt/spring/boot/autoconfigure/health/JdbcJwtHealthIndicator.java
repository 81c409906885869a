package dev.jdbcjwt.spring.boot.autoconfigure.health;

import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Spring Boot 3's health indicator {@code jdbcJwt}: the health of every token source in use, under {@code sources},
 * as {@link TokenSourcesHealth} reads it (status, expiry, subject, key id and last error of each; never the token).
 * UP while every source has a usable token, DOWN when any has none and its last attempt failed, UNKNOWN while there
 * is none.
 */
public class JdbcJwtHealthIndicator implements HealthIndicator {

  private final TokenSourcesHealth sources;

  /** The shared token caches of the driver ({@link TokenCaches#all()}), on the system clock. */
  public JdbcJwtHealthIndicator() {
    this(TokenCaches::all, Clock.systemUTC());
  }

  /**
   * An indicator over {@code caches}, measuring the time to expiry on {@code clock} (tests pass a fake one).
   *
   * @param caches the token caches to report
   * @param clock the clock the time to expiry is measured with
   */
  public JdbcJwtHealthIndicator(Supplier<List<TokenCache>> caches, Clock clock) {
    this.sources = new TokenSourcesHealth(caches, clock);
  }

  @Override
  public Health health() {
    TokenSourcesHealth.Snapshot snapshot = sources.snapshot();
    return Health.status(snapshot.status()).withDetail("sources", snapshot.sources()).build();
  }
}
