package dev.jdbcjwt.jdbc.pool;

import dev.jdbcjwt.jdbc.TimedDriver;
import dev.jdbcjwt.jdbc.TokenConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * jwt.onExpiry against the real PostgreSQL (which, like almost every database, does not end a session when its token
 * expires), on a driver whose clock is fake ({@link TimedDriver}): the session is real, the 6-second token's expiry
 * comes by advancing the clock. The timing logic itself is unit-tested in JwtConnectionTest.
 */
class OnExpiryTest {

  private final TimedDriver driver = TimedDriver.startingNow();

  @AfterEach
  void closeCaches() {
    driver.close();
  }

  private Connection open(String onExpiry) throws SQLException {
    Properties p = HikariExpiryTest.signed("6s");
    p.setProperty("user", HikariExpiryTest.newUser());
    p.setProperty("jwt.clockSkew", "1s");
    p.setProperty("jwt.onExpiry", onExpiry);
    return driver.connect("jdbc:jwt:" + HikariExpiryTest.SERVER.vendorUrl() + "?sslmode=disable", p);
  }

  /** Advances the fake clock to {@code instant} plus {@code extra}. */
  private void advanceTo(Instant instant, Duration extra) {
    driver.advance(Duration.between(driver.clock().instant(), instant).plus(extra));
  }

  @Test
  void closeEndsTheSessionAtTheTokensExpiryEvenWhenHeld() throws Exception {
    Connection c = open("close");
    try (Statement s = c.createStatement()) {
      s.execute("select 1");
    }
    Instant expiresAt = c.unwrap(TokenConnection.class).tokenExpiresAt();
    assertThat(expiresAt).isEqualTo(driver.clock().instant().plusSeconds(6));
    advanceTo(expiresAt, Duration.ofMillis(-1));
    assertThat(c.isClosed()).as("open until the token's expiry").isFalse();
    advanceTo(expiresAt, Duration.ZERO);
    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(() -> c.createStatement().execute("select 1")).isInstanceOf(SQLException.class);
  }

  @Test
  void evictMakesTheConnectionInvalidForPoolsButLeavesItUsable() throws Exception {
    try (Connection c = open("evict")) {
      TokenConnection tc = c.unwrap(TokenConnection.class);
      assertThat(c.isValid(2)).isTrue();
      advanceTo(tc.tokenUsableUntil(), Duration.ofMillis(-1));
      assertThat(c.isValid(2)).as("valid until the token's usable end (exp - skew)").isTrue();
      advanceTo(tc.tokenUsableUntil(), Duration.ZERO);
      assertThat(c.isValid(2)).isFalse();
      assertThat(tc.isTokenExpired()).isTrue();
      assertThat(c.isClosed()).isFalse();
      try (Statement s = c.createStatement()) {
        assertThat(s.execute("select 1")).isTrue();
      }
    }
  }

  @Test
  void noneLeavesTheConnectionAlone() throws Exception {
    try (Connection c = open("none")) {
      advanceTo(c.unwrap(TokenConnection.class).tokenExpiresAt(), Duration.ofSeconds(30));
      assertThat(c.isValid(2)).isTrue();
      assertThat(c.isClosed()).isFalse();
      try (Statement s = c.createStatement()) {
        assertThat(s.execute("select 1")).isTrue();
      }
    }
  }
}
