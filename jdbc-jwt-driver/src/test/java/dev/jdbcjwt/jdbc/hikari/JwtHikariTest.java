package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JwtHikariTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static HikariConfig tuned(Duration lifetime, Duration skew, Long configuredMaxLifetime) {
    HikariConfig config = new HikariConfig();
    if (configuredMaxLifetime != null) {
      config.setMaxLifetime(configuredMaxLifetime);
    }
    JwtHikari.apply(config, Token.opaque(Secret.of("t"), NOW, lifetime), skew, NOW);
    return config;
  }

  @Test
  void maxLifetimeIsHalfTheLifetimeLessSkewJitterAndConnectAndEachConnectionAsksForAllOfIt() {
    HikariConfig c = tuned(Duration.ofMinutes(15), Duration.ofSeconds(30), null);
    assertThat(c.getMaxLifetime()).isEqualTo(Duration.ofSeconds(450 - 30 - 30 - 2).toMillis());
    assertThat(c.getKeepaliveTime()).isEqualTo(120_000);
    assertThat(c.getDataSourceProperties().getProperty("jwt.minTokenLife")).isEqualTo("390s");
  }

  @Test
  void aLowerConfiguredMaxLifetimeIsKept() {
    HikariConfig c = tuned(Duration.ofHours(1), Duration.ofSeconds(30), 600_000L);
    assertThat(c.getMaxLifetime()).isEqualTo(600_000);
    assertThat(c.getDataSourceProperties().getProperty("jwt.minTokenLife")).isEqualTo("602s");
  }

  /** An application that sets jwt.minTokenLife takes charge: the pool keeps the longer maxLifetime and asks nothing. */
  @Test
  void aMinimumTheApplicationSetIsKeptWithTheLongerMaxLifetime() {
    HikariConfig config = new HikariConfig();
    config.addDataSourceProperty("jwt.minTokenLife", "10%");
    JwtHikari.apply(config, Token.opaque(Secret.of("t"), NOW, Duration.ofMinutes(15)), Duration.ofSeconds(30), NOW);
    assertThat(config.getDataSourceProperties().getProperty("jwt.minTokenLife")).isEqualTo("10%");
    // usable 870 s, less a tenth
    assertThat(config.getMaxLifetime()).isEqualTo(783_000);
  }

  @Test
  void aMinimumInTheUrlCountsAsTheApplications() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:jwt:postgresql://db.example/app?jwt.minTokenLife=2m");
    JwtHikari.apply(config, Token.opaque(Secret.of("t"), NOW, Duration.ofMinutes(15)), Duration.ofSeconds(30), NOW);
    assertThat(config.getDataSourceProperties()).doesNotContainKey("jwt.minTokenLife");
    assertThat(config.getMaxLifetime()).isEqualTo(783_000);
  }

  @Test
  void tokensTooShortForTheFloorGetItAndWhatMinimumTheCacheCanGive() {
    HikariConfig c = tuned(Duration.ofSeconds(45), Duration.ofSeconds(5), null);
    assertThat(c.getMaxLifetime()).isEqualTo(30_000);
    assertThat(c.getKeepaliveTime()).isZero(); // half of 30 s is under Hikari's 30 s keepalive minimum
    // X = 22.5 s - 5 s skew; X less a tenth of it for the jitter
    assertThat(c.getDataSourceProperties().getProperty("jwt.minTokenLife")).isEqualTo("15s");
  }

  @Test
  void tokensShorterThanHikarisFloorGetTheFloorAndRetireOnBorrow() {
    HikariConfig c = tuned(Duration.ofSeconds(10), Duration.ofSeconds(5), null);
    assertThat(c.getMaxLifetime()).isEqualTo(30_000);
    assertThat(c.getKeepaliveTime()).isZero();
    assertThat(c.getDataSourceProperties()).doesNotContainKey("jwt.minTokenLife");
  }

  /** A token valid until the year 9999 (the latest expiry a token is given): no overflow in the lifetime math. */
  @Test
  void aTokenValidUntilTheYear9999KeepsTheConfiguredMaxLifetime() {
    HikariConfig c = tuned(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(30), null);
    assertThat(c.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30).toMillis());
    assertThat(c.getKeepaliveTime()).isEqualTo(120_000);

    HikariConfig unlimited = tuned(Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(30), 0L);
    Duration lifetime = Duration.between(NOW, Token.LATEST_EXPIRY);
    assertThat(unlimited.getMaxLifetime()).isEqualTo(lifetime.dividedBy(2).minusSeconds(62).toMillis());
  }

  @Test
  void tokensOfUnknownLifetimeLeaveTheConfigurationAlone() {
    HikariConfig config = new HikariConfig();
    long before = config.getMaxLifetime();
    JwtHikari.apply(config, Token.opaque(Secret.of("t"), NOW, null), Duration.ofSeconds(30), NOW);
    assertThat(config.getMaxLifetime()).isEqualTo(before);
  }
}
