package dev.jdbcjwt.jdbc.pool;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * jwt.onExpiry against the real PostgreSQL (which, like almost every database, does not end a session when its token
 * expires). The timing logic itself is unit-tested on a fake clock in JwtConnectionTest; this shows the effect on a
 * real session, so it waits for a 6-second token to run out.
 */
class OnExpiryTest {

  private static Connection open(String onExpiry) throws SQLException {
    String user = HikariExpiryTest.newUser();
    TokenCaches.clear();
    Properties p = HikariExpiryTest.signed("6s");
    p.setProperty("user", user);
    return DriverManager.getConnection(HikariExpiryTest.url().replace("jwt.clockSkew=5s", "jwt.clockSkew=1s")
        + "&jwt.onExpiry=" + onExpiry, p);
  }

  private static void waitPast(Instant instant) throws InterruptedException {
    long ms = Duration.between(Instant.now(), instant).toMillis() + 300;
    if (ms > 0) {
      Thread.sleep(ms);
    }
  }

  @Test
  void closeEndsTheSessionAtTheTokensExpiryEvenWhenHeld() throws Exception {
    Connection c = open("close");
    try (Statement s = c.createStatement()) {
      s.execute("select 1");
    }
    waitPast(c.unwrap(TokenConnection.class).tokenExpiresAt());
    assertThat(c.isClosed()).isTrue();
    assertThatThrownBy(() -> c.createStatement().execute("select 1")).isInstanceOf(SQLException.class);
  }

  @Test
  void evictMakesTheConnectionInvalidForPoolsButLeavesItUsable() throws Exception {
    try (Connection c = open("evict")) {
      assertThat(c.isValid(2)).isTrue();
      waitPast(c.unwrap(TokenConnection.class).tokenExpiresAt());
      assertThat(c.isValid(2)).isFalse();
      assertThat(c.isClosed()).isFalse();
      try (Statement s = c.createStatement()) {
        assertThat(s.execute("select 1")).isTrue();
      }
    }
  }

  @Test
  void noneLeavesTheConnectionAlone() throws Exception {
    try (Connection c = open("none")) {
      waitPast(c.unwrap(TokenConnection.class).tokenExpiresAt());
      assertThat(c.isValid(2)).isTrue();
      assertThat(c.isClosed()).isFalse();
    }
  }
}
