package dev.jdbcjwt.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.JwtDataSource;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hikari's dataSourceClassName route, equivalent to the URL route. */
class JwtDataSourceTest {

  @Test
  void hikariBuildsItFromItsClassNameAndProperties() throws Exception {
    // HikariCP sets a DataSource class's bean properties only (no setter can be named jwt.*), so on this route the
    // options go into dataSource.url: the application declares that URL its own configuration
    String user = HikariExpiryTest.newUser();
    java.nio.file.Path key = java.nio.file.Files.createTempFile("signing", ".pem");
    java.nio.file.Files.writeString(key, TestIssuer.shared().privateKeyPem());
    TestIssuer issuer = TestIssuer.shared();
    HikariConfig config = new HikariConfig();
    config.setDataSourceClassName(JwtDataSource.class.getName());
    config.addDataSourceProperty("url", HikariExpiryTest.url() + "&jwt.provider=signed&jwt.signingKey=file:" + key
        + "&jwt.keyId=" + issuer.keyId() + "&jwt.issuer=" + issuer.issuer() + "&jwt.audience=" + issuer.audience());
    config.addDataSourceProperty("user", user);
    config.setMaximumPoolSize(2);
    JwtDriver.trustUrls(true);
    try (HikariDataSource ds = new HikariDataSource(config); Connection c = ds.getConnection()) {
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
    } finally {
      JwtDriver.trustUrls(false);
      java.nio.file.Files.delete(key);
    }
  }

  @Test
  void anInstanceTakesOptionsAsPropertiesAndNeverPrintsThem() throws Exception {
    String user = HikariExpiryTest.newUser();
    JwtDataSource jwt = new JwtDataSource(HikariExpiryTest.url());
    jwt.setProperties(HikariExpiryTest.signed("5m"));
    jwt.setUser(user);
    HikariConfig config = new HikariConfig();
    config.setDataSource(jwt);
    config.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(config); Connection c = ds.getConnection()) {
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
    }
    assertThat(jwt.toString()).doesNotContain("BEGIN PRIVATE KEY").doesNotContain("jwt.");
  }

  @Test
  void aPasswordIsRefusedBecauseTheTokenIsThePassword() {
    JwtDataSource ds = new JwtDataSource(HikariExpiryTest.url());
    assertThatThrownBy(() -> ds.getConnection("app", "secret"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        .hasMessageContaining("obtains its password (the token) itself");
  }

  @Test
  void theLoginTimeoutBoundsTheWaitForAToken() {
    dev.jdbcjwt.jdbc.StubDriver.reset();
    JwtDataSource ds = new JwtDataSource("jdbc:jwt:stub:db");
    ds.setProperty("jwt.provider", "test-blocking");
    ds.setUser("login-timeout");
    ds.setLoginTimeout(1);
    assertThat(ds.getLoginTimeout()).isEqualTo(1);
    try {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).as(e.getMessage())
              .isEqualTo("08001"))
          .satisfies(e -> assertThat(e).hasMessageContaining("no token within jwt.fetchTimeout=1s"));
      assertThat(dev.jdbcjwt.jdbc.StubDriver.INSTANCE.calls()).as("the vendor driver is never reached").isEmpty();
    } finally {
      dev.jdbcjwt.jdbc.BlockingProvider.RELEASE.countDown(); // let the cache's fetch thread finish
    }
  }
}
