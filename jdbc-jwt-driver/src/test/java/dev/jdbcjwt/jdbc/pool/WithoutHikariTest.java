package dev.jdbcjwt.jdbc.pool;

import dev.jdbcjwt.jdbc.JwtDataSource;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.TokenConnection;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HikariCP is optional: with it off the class path (the surefire execution "without-hikari" excludes it), the driver,
 * its DataSource and a DBCP2 pool work, and nothing the driver loads on those paths needs a HikariCP class.
 * In the default execution, where HikariCP is present, this class is skipped.
 */
class WithoutHikariTest {

  private static boolean hikariPresent() {
    try {
      Class.forName("com.zaxxer.hikari.HikariConfig", false, WithoutHikariTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void theDriverADataSourceAndDbcp2WorkWithoutHikari() throws Exception {
    boolean expectAbsent = Boolean.getBoolean("jdbcjwt.withoutHikari");
    assumeTrue(expectAbsent || !hikariPresent(), "HikariCP is on this class path: run by the without-hikari execution");
    assertThat(hikariPresent()).as("the without-hikari execution must exclude HikariCP").isFalse();

    String user = HikariExpiryTest.newUser();
    Properties props = PoolExpiryContract.jwtProperties();
    props.setProperty("user", user);
    DriverPropertyInfo[] info = new JwtDriver().getPropertyInfo(PoolExpiryContract.url(), props);
    assertThat(info).isNotEmpty();
    try (Connection c = DriverManager.getConnection(PoolExpiryContract.url(), props)) {
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
    }

    JwtDataSource ds = new JwtDataSource(PoolExpiryContract.url());
    ds.setUser(user);
    PoolExpiryContract.jwtProperties().forEach((k, v) -> ds.setProperty((String) k, (String) v));
    try (Connection c = ds.getConnection()) {
      assertThat(c.isValid(1)).isTrue();
    }

    try (BasicDataSource pool = (BasicDataSource) new Dbcp2ExpiryTest().open(
        PoolExpiryContract.url(), user, PoolExpiryContract.jwtProperties(), 2);
         Connection c = pool.getConnection()) {
      assertThat(c.unwrap(TokenConnection.class).isTokenExpired()).isFalse();
    }
    assertThatThrownBy(() -> Class.forName("dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource"))
        .as("only the Hikari integration itself needs HikariCP").isInstanceOf(NoClassDefFoundError.class);
  }
}
