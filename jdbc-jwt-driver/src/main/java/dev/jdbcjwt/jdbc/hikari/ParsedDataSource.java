package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.internal.Errors;
import dev.jdbcjwt.jdbc.internal.ConnectionRequest;
import dev.jdbcjwt.jdbc.internal.JwtUrl;
import dev.jdbcjwt.jdbc.internal.UrlPolicy;
import dev.jdbcjwt.jdbc.internal.UrlTrust;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The DataSource a jdbc-jwt HikariCP pool connects through. HikariCP prints its configuration at DEBUG when a pool
 * starts, masking only {@code password}; so before it does, {@link #install} parses the {@code jdbc:jwt:} URL's options
 * and the {@code jwt.*} data source properties into a {@link TokenConfig} (secrets held as {@code Secret}) kept here,
 * and leaves {@code HikariConfig} the URL without {@code jwt.*} options and the vendor's properties only. HikariCP
 * prints this DataSource by its {@link #toString()}, which shows the options as {@code TokenConfig} prints them.
 * Connections are made by {@link JwtDriver} as HikariCP's own {@code DriverDataSource} would make them from the URL:
 * {@code getConnection(user, password)} sets both connection properties.
 */
final class ParsedDataSource implements DataSource {

  private final String url;
  private final String vendorScheme;
  private final Properties vendorProperties;
  private final TokenConfig tokenConfig;
  private volatile Duration minTokenLife; // set by the pool's tuning (JwtHikari), after install
  private volatile PrintWriter logWriter;
  private volatile int loginTimeout;

  private ParsedDataSource(String url, ConnectionRequest request) {
    this.url = url;
    this.vendorScheme = request.url().vendorScheme();
    this.vendorProperties = request.vendorProperties();
    this.tokenConfig = request.tokenConfig();
  }

  /**
   * Gives {@code config} this DataSource when it has a {@code jdbc:jwt:} URL and no DataSource yet. The URL's options
   * join the data source properties as a connect would merge them (an application-only option of an untrusted URL is
   * refused, a URL-allowed one wins, see {@code UrlPolicy}); then every {@code jwt.*} option leaves the configuration.
   *
   * @throws SQLException (HY000) for a refused or invalid option
   */
  static void install(HikariConfig config) throws SQLException {
    String url = config.getJdbcUrl();
    if (config.getDataSource() != null || url == null || !JwtUrl.accepts(url)) {
      return;
    }
    Properties properties = JwtHikari.connectionProperties(config);
    String withoutOptions = UrlPolicy.moveIntoProperties(url, properties, UrlTrust.trusted());
    ConnectionRequest request = ConnectionRequest.parse(withoutOptions, properties);
    config.setDataSource(new ParsedDataSource(withoutOptions, request));
    config.setJdbcUrl(withoutOptions); // kept for tools that read it (the vendor, MySQL's network timeout executor)
    config.getDataSourceProperties().keySet().removeIf(k -> k.toString().startsWith(JwtOption.PREFIX));
  }

  /**
   * Each new connection asks for at least {@code minimum} of usable token life ({@code jwt.minTokenLife}): the pool's
   * tuning, which comes after {@link #install} because it needs the first token.
   */
  void askMinTokenLife(Duration minimum) {
    this.minTokenLife = minimum;
  }

  /** What {@link #askMinTokenLife} set; empty before the tuning, or when the application sets the option itself. */
  java.util.Optional<Duration> minTokenLife() {
    return java.util.Optional.ofNullable(minTokenLife);
  }

  /** The parsed configuration of the pool's tokens. */
  TokenConfig tokenConfig() {
    return tokenConfig;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connect(null, null);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return connect(username, password);
  }

  private Connection connect(String username, String password) throws SQLException {
    Properties p = new Properties();
    p.putAll(vendorProperties);
    p.putAll(tokenConfig.revealed());
    Duration minimum = minTokenLife;
    if (minimum != null) {
      p.setProperty(JwtOption.MIN_TOKEN_LIFE.key(), minimum.toMillis() + "ms");
    }
    if (username != null) {
      p.setProperty("user", username);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    return JwtDriver.instance().connect(url, p);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /** Stored only, as HikariCP's {@code DriverDataSource} leaves the login to the driver's own timeouts. */
  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw Errors.noParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Errors.unwrapSelf(this, iface, "the jdbc-jwt pool DataSource");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /**
   * The vendor's scheme (never its URL, whose parameters may carry a password), the redacted options and the token
   * life the pool's tuning asks of each new connection.
   */
  @Override
  public String toString() {
    Duration minimum = minTokenLife;
    return "JwtDataSource[jdbc:" + vendorScheme + ":…, " + tokenConfig
        + (minimum == null ? "" : ", " + JwtOption.MIN_TOKEN_LIFE.key() + "=" + Durations.format(minimum)) + "]";
  }
}
