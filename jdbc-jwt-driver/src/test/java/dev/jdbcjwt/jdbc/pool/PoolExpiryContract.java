package dev.jdbcjwt.jdbc.pool;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every pool that validates through {@code Connection.isValid} must show against the real PostgreSQL, with tokens
 * living {@value #TTL_SECONDS} seconds: a connection whose token expired is replaced, and no borrow fails across
 * several token lifetimes. A subclass only builds its pool with the setting that makes it call {@code isValid} on
 * borrow (docs/pools.md). These run in real time and assert outcomes, never durations.
 */
abstract class PoolExpiryContract {

  static final int TTL_SECONDS = 8;
  static final int SKEW_SECONDS = 2;

  /** How long the load runs; -Djdbcjwt.poolSeconds=… to change. Several token lifetimes by default. */
  static Duration loadDuration() {
    return Duration.ofSeconds(Long.getLong("jdbcjwt.poolSeconds", 30));
  }

  /** A pool of at most {@code maxSize} connections to {@code url} as {@code user}, with {@code jwt} passed through. */
  abstract DataSource open(String url, String user, Properties jwt, int maxSize) throws Exception;

  /** Closes a pool made by {@link #open}. */
  abstract void close(DataSource pool) throws Exception;

  /** The vendor URL without options: every jwt.* option travels in Properties, as applications set them. */
  static String url() {
    return "jdbc:jwt:" + HikariExpiryTest.SERVER.vendorUrl() + "?sslmode=disable";
  }

  /** Short-lived signed tokens; refreshed when half their life remains, treated as expired 2 s before exp. */
  static Properties jwtProperties() {
    Properties p = TestIssuer.shared().signedProviderOptions();
    p.setProperty("jwt.ttl", TTL_SECONDS + "s");
    p.setProperty("jwt.clockSkew", SKEW_SECONDS + "s");
    p.setProperty("jwt.refreshAhead", "50%");
    return p;
  }

  @Test
  void noBorrowFailsAndNoStatementRunsOnAnExpiredTokenAcrossSeveralLifetimes() throws Exception {
    String user = HikariExpiryTest.newUser();
    String table = HikariExpiryTest.table(user);
    PoolLoad load = new PoolLoad();
    Duration duration = loadDuration();
    DataSource pool = open(url(), user, jwtProperties(), 5);
    try {
      load.run(pool, 12, duration, table);
    } finally {
      close(pool);
    }
    assertThat(load.failures).as(load + ", first failure: " + load.firstFailureReport()).hasValue(0);
    assertThat(load.onExpiredToken).as(load.toString()).hasValue(0);
    assertThat(load.transactions.get()).as(load.toString()).isPositive();
    // connections were retired and opened again with newer tokens, lifetime after lifetime
    assertThat(load.tokenExpiries.size()).as(load.toString())
        .isGreaterThanOrEqualTo((int) (duration.toSeconds() / TTL_SECONDS));
    System.out.println(getClass().getSimpleName() + " load: " + load);
  }

  @Test
  void anIdleConnectionWhoseTokenExpiredIsReplacedOnBorrow() throws Exception {
    String user = HikariExpiryTest.newUser();
    DataSource pool = open(url(), user, jwtProperties(), 1);
    try {
      int firstBackend;
      Instant firstExpiry;
      try (Connection c = pool.getConnection()) {
        firstBackend = backend(c);
        firstExpiry = c.unwrap(TokenConnection.class).tokenExpiresAt();
      }
      Instant usableUntil = firstExpiry.minusSeconds(SKEW_SECONDS);
      while (!Instant.now().isAfter(usableUntil.plusMillis(200))) {
        Thread.sleep(100); // real time: the pool knows nothing of tokens and has no clock to inject
      }
      try (Connection c = pool.getConnection()) {
        assertThat(backend(c)).as("a new physical connection")
            .isNotEqualTo(firstBackend);
        assertThat(c.unwrap(TokenConnection.class).tokenExpiresAt()).isAfter(firstExpiry);
        assertThat(c.isValid(1)).isTrue();
      }
    } finally {
      close(pool);
    }
  }

  /** The server process behind the connection (SQL, since not every pool's unwrap reaches the vendor's API). */
  private static int backend(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
