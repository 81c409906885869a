package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * {@code connect()} on a vendor driver that does no I/O ({@link StubVendorDriver}): directly, and through
 * {@code jdbc:jwt:} with a warm token cache ({@code jwt.provider=static}). The difference is everything the driver
 * adds to a connect: parsing, finding the vendor driver, the cache lookup, the property copy and the wrapper.
 */
@State(Scope.Benchmark)
public class ConnectBenchmark {

  static final String VENDOR_URL = StubVendorDriver.PREFIX + "//db.internal:5432/orders?sslmode=verify-full";
  static final String JWT_URL = "jdbc:jwt:" + VENDOR_URL.substring("jdbc:".length())
      + "&jwt.provider=static&jwt.clockSkew=30s";

  private Driver vendor;
  private Driver jwt;
  private Properties rawProperties;
  private Properties jwtProperties;

  @Setup
  public void setUp() throws SQLException {
    vendor = StubVendorDriver.register();
    jwt = JwtDriver.instance();
    String token = BenchTokens.jwt();
    rawProperties = new Properties();
    rawProperties.setProperty("user", BenchTokens.SUBJECT);
    rawProperties.setProperty("password", token);
    jwtProperties = new Properties();
    jwtProperties.setProperty("user", BenchTokens.SUBJECT);
    jwtProperties.setProperty("jwt.token", token);
    jwt.connect(JWT_URL, jwtProperties).close(); // warm the cache
  }

  @TearDown
  public void tearDown() {
    TokenCaches.clear();
  }

  @Benchmark
  public Connection rawStubConnect() throws SQLException {
    return vendor.connect(VENDOR_URL, rawProperties);
  }

  @Benchmark
  public Connection jwtStubConnect() throws SQLException {
    return jwt.connect(JWT_URL, jwtProperties);
  }
}
