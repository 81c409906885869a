package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.jdbc.internal.ConnectionRequest;
import dev.jdbcjwt.jdbc.internal.CredentialInjector;
import dev.jdbcjwt.jdbc.internal.JwtUrl;
import dev.jdbcjwt.token.Token;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.sql.SQLException;
import java.util.Properties;

/**
 * What {@code connect()} does with a URL and its properties before the vendor driver is called, on a typical URL
 * (two vendor parameters, six URL-allowed {@code jwt.*} options; the provider's four options, two more and one vendor
 * property in {@code Properties}, as an application passes them).
 */
@State(Scope.Benchmark)
public class UrlParsingBenchmark {

  static final String URL = "jdbc:jwt:postgresql://db.internal:5432/orders?sslmode=verify-full&user=orders"
      + "&jwt.httpTimeout=5s&jwt.userClaim=sub&jwt.sessionClaims=false&jwt.roleClaim=db_role"
      + "&jwt.refreshAhead=25%25&jwt.clockSkew=30s";

  private Properties info;
  private ConnectionRequest request;
  private CredentialInjector injector;
  private Token token;

  @Setup
  public void setUp() throws SQLException {
    info = new Properties();
    info.setProperty("ApplicationName", "orders-service");
    info.setProperty("jwt.provider", "client-credentials");
    info.setProperty("jwt.tokenEndpoint", "https://idp.internal/realms/prod/token");
    info.setProperty("jwt.clientId", "orders");
    info.setProperty("jwt.clientSecret", "env:ORDERS_SECRET");
    info.setProperty("jwt.fetchTimeout", "5s");
    info.setProperty("jwt.onExpiry", "evict");
    request = ConnectionRequest.parse(URL, info);
    injector = new CredentialInjector(request.tokenConfig());
    token = BenchTokens.token();
  }

  /** The URL alone: the vendor URL with every {@code jwt.*} option stripped, and the options decoded. */
  @Benchmark
  public JwtUrl parseUrl() throws SQLException {
    return JwtUrl.parse(URL);
  }

  /**
   * The whole request: the URL, {@code jwt.*} options stripped from {@code Properties}, the URL rule and merge, and
   * validation of every option into a {@code TokenConfig}.
   */
  @Benchmark
  public ConnectionRequest parseRequest() throws SQLException {
    return ConnectionRequest.parse(URL, info);
  }

  /** Per attempt: a copy of the stripped vendor properties with the token put in as the password. */
  @Benchmark
  public Properties vendorPropertiesWithToken() throws SQLException {
    return injector.inject(token, request.vendorProperties());
  }
}
