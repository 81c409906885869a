package dev.jdbcjwt.jdbc.pool;

import dev.jdbcjwt.jdbc.StubDriver;
import dev.jdbcjwt.jdbc.TimedDriver;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.StubVendorDriverBase;
import dev.jdbcjwt.testing.TestIssuer;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17's generic-pool case with a real DBCP2 pool (testOnBorrow, so it validates through {@code isValid}) over
 * the driver on a fake clock, with {@code jwt.onExpiry=evict} and a login that takes 5 s (a slow PAM or LDAP check). When the refresh comes late (here {@code jwt.refreshAhead=2s}), a connection opened
 * with the current token, 3 s from the end of its usable window, is invalid by the time the login is done, and
 * DBCP2 refuses the borrow with "Unable to validate object". {@code jwt.minTokenLife} (default 10% of the usable
 * lifetime) makes that connect wait for the refresh instead.
 */
class Dbcp2MinTokenLifeTest {

  private static final Duration LOGIN = Duration.ofSeconds(5);

  private final TimedDriver driver = new TimedDriver(Instant.parse("2026-06-01T00:00:00Z"));

  @AfterEach
  void closeCaches() {
    driver.close();
    SlowLogin.clock = null;
  }

  private BasicDataSource pool(Properties jwt) {
    BasicDataSource ds = new BasicDataSource();
    ds.setDriver(driver.driver());
    ds.setUrl("jdbc:jwt:slowlogin:orders");
    ds.setUsername("app");
    jwt.stringPropertyNames().forEach(name -> ds.addConnectionProperty(name, jwt.getProperty(name)));
    ds.setMaxTotal(2);
    ds.setMaxIdle(0); // a returned connection is closed: every borrow below creates one
    ds.setTestOnBorrow(true); // no validation query: DBCP2 calls Connection.isValid
    // not testOnCreate: DBCP2 then drops the new connection silently and waits for another; a borrow should not wait
    ds.setMaxWait(Duration.ofSeconds(2));
    return ds;
  }

  private static Properties jwt() {
    Properties p = TestIssuer.shared().signedProviderOptions();
    p.setProperty("jwt.ttl", "15m");
    p.setProperty("jwt.clockSkew", "30s");
    p.setProperty("jwt.onExpiry", "evict");
    p.setProperty("jwt.refreshAhead", "2s"); // a refresh that comes late
    return p;
  }

  /** Takes (and returns) a first connection, then moves the clock to 3 s before that token's usable end. */
  private Instant lateInTheFirstToken(BasicDataSource pool) throws SQLException {
    Instant usableUntil;
    try (Connection c = pool.getConnection()) {
      usableUntil = c.unwrap(TokenConnection.class).tokenUsableUntil();
    }
    driver.advance(Duration.between(driver.clock().instant(), usableUntil.minusSeconds(3)));
    return usableUntil;
  }

  @Test
  void aConnectLateInTheTokensLifeWaitsForTheRefreshAndTheBorrowSucceeds() throws Exception {
    SlowLogin.clock = driver;
    try (BasicDataSource pool = pool(jwt())) {
      Instant firstUsableUntil = lateInTheFirstToken(pool);
      try (Connection c = pool.getConnection()) {
        TokenConnection tc = c.unwrap(TokenConnection.class);
        assertThat(tc.tokenUsableUntil()).isAfter(firstUsableUntil.plus(Duration.ofMinutes(10)));
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void withoutTheMinimumTheSameBorrowFailsValidation() throws Exception {
    SlowLogin.clock = driver;
    Properties p = jwt();
    p.setProperty("jwt.minTokenLife", "0s"); // the behaviour before issue 17
    try (BasicDataSource pool = pool(p)) {
      lateInTheFirstToken(pool);
      assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
          .hasStackTraceContaining("Unable to validate object");
    }
  }

  /**
   * A vendor driver for {@code jdbc:slowlogin:} URLs: the stub driver's connections, after a login that takes
   * {@link #LOGIN} on the fake clock.
   */
  static final class SlowLogin extends StubVendorDriverBase {

    static volatile TimedDriver clock;

    static {
      try {
        DriverManager.registerDriver(new SlowLogin());
      } catch (SQLException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    SlowLogin() {
      super("slowlogin");
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      if (!acceptsURL(url)) {
        return null;
      }
      Connection c = StubDriver.INSTANCE.connect("jdbc:stub:" + url.substring("jdbc:slowlogin:".length()), info);
      TimedDriver time = clock;
      if (time != null) {
        time.advance(LOGIN);
      }
      return c;
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.startsWith("jdbc:slowlogin:");
    }
  }
}
