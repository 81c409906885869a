package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.TimedDriver;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.cache.TokenCacheRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JwtHikari#configure} takes its token and its "now" from one token cache registry, so tests set the time. */
class JwtHikariConfigureTest {

  /** Ahead of the real clock: tuned on the system clock, the token would seem issued in the future. */
  private static final Instant T0 = Instant.parse("2035-06-01T00:00:00Z");

  @Test
  void maxLifetimeIsTunedOnTheRegistrysClock() throws Exception {
    FakeClock clock = new FakeClock(T0);
    TokenCacheRegistry caches = new TokenCacheRegistry(10, TimedDriver.timekeeper(clock));
    TestIssuer issuer = TestIssuer.shared();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:jwt:stub:db");
    config.setUsername("app");
    config.addDataSourceProperty("jwt.provider", "signed");
    config.addDataSourceProperty("jwt.signingKey", issuer.privateKeyPem());
    config.addDataSourceProperty("jwt.issuer", issuer.issuer());
    config.addDataSourceProperty("jwt.ttl", "10m");
    try {
      clock.advance(Duration.ofMinutes(4)); // the token is signed now: T0 + 4m, living 10 minutes
      JwtHikari.configure(config, caches);
      // PoolLifetimes: half the 10 minutes less the 30 s skew is 270 s, less its tenth (the jitter) 243 s, less the
      // 2 s connect allowance 241 s (on the system clock the token would seem issued in the future and live for
      // years: maxLifetime would stay at the 30 minute default); keepalive capped at 2 minutes
      assertThat(config.getMaxLifetime()).isEqualTo(Duration.ofSeconds(241).toMillis());
      assertThat(config.getKeepaliveTime()).isEqualTo(Duration.ofMinutes(2).toMillis());
      assertThat(caches.all()).singleElement().satisfies(c -> assertThat(c.current()).isPresent());
    } finally {
      caches.clear();
    }
  }
}
