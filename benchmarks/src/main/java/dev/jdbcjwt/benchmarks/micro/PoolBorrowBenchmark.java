package dev.jdbcjwt.benchmarks.micro;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP borrow and return on the stub vendor driver, so that only the pool's and the driver's own work is timed:
 * a plain {@link HikariDataSource} with a static password against {@link JwtHikariDataSource} with a {@code jdbc:jwt:}
 * URL (which checks, on every borrow, whether the connection's token has expired), and a plain HikariDataSource
 * with the same URL (the connection wrapper without that check).
 */
@State(Scope.Benchmark)
public class PoolBorrowBenchmark {

  private HikariDataSource plain;
  private HikariDataSource jwt;
  private HikariDataSource jwtUrlOnly;

  @Setup
  public void setUp() {
    StubVendorDriver.register();
    HikariConfig a = new HikariConfig();
    a.setPoolName("plain");
    a.setJdbcUrl(ConnectBenchmark.VENDOR_URL);
    a.setUsername(BenchTokens.SUBJECT);
    a.setPassword("a-static-password");
    a.setMaximumPoolSize(4);
    plain = new HikariDataSource(a);
    HikariConfig b = new HikariConfig();
    b.setPoolName("jwt");
    b.setJdbcUrl(ConnectBenchmark.JWT_URL);
    b.setUsername(BenchTokens.SUBJECT);
    b.addDataSourceProperty("jwt.token", BenchTokens.jwt());
    b.setMaximumPoolSize(4);
    jwt = new JwtHikariDataSource(b);
    HikariConfig c = new HikariConfig();
    c.setPoolName("jwt-url-only");
    c.setJdbcUrl(ConnectBenchmark.JWT_URL);
    c.setUsername(BenchTokens.SUBJECT);
    c.addDataSourceProperty("jwt.token", BenchTokens.jwt());
    c.setMaximumPoolSize(4);
    jwtUrlOnly = new HikariDataSource(c);
  }

  @TearDown
  public void tearDown() {
    plain.close();
    jwt.close();
    jwtUrlOnly.close();
    TokenCaches.clear();
  }

  @Benchmark
  public Connection plainBorrowReturn() throws SQLException {
    Connection c = plain.getConnection();
    c.close();
    return c;
  }

  /** A plain HikariDataSource with a {@code jdbc:jwt:} URL: the driver's wrapper, no per-borrow expiry check. */
  @Benchmark
  public Connection jwtUrlPlainPoolBorrowReturn() throws SQLException {
    Connection c = jwtUrlOnly.getConnection();
    c.close();
    return c;
  }

  @Benchmark
  public Connection jwtBorrowReturn() throws SQLException {
    Connection c = jwt.getConnection();
    c.close();
    return c;
  }
}
