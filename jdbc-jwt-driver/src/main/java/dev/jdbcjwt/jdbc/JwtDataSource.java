package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.jdbc.internal.Errors;
import dev.jdbcjwt.token.config.JwtOption;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A plain {@link DataSource} over {@link JwtDriver}, for pools and frameworks that take a DataSource or a
 * DataSource class name (HikariCP's {@code dataSourceClassName=dev.jdbcjwt.jdbc.JwtDataSource} with
 * {@code dataSource.url} and {@code dataSource.user}). Equivalent to the URL route.
 */
public class JwtDataSource implements DataSource {

  private volatile String url;
  private volatile String user;
  private final Properties properties = new Properties();
  private volatile int loginTimeout;
  private volatile PrintWriter logWriter;

  /** A data source without URL; set it with {@link #setUrl} (as pools and containers do). */
  public JwtDataSource() {
  }

  /**
   * A data source for a {@code jdbc:jwt:} URL.
   *
   * @param url the URL; see {@link #setUrl}
   */
  public JwtDataSource(String url) {
    this.url = url;
  }

  /**
   * The {@code jdbc:jwt:} URL. It is treated as any JDBC URL: it may carry only URL-allowed {@code jwt.*} options
   * unless URLs are declared trusted ({@link JwtDriver#trustUrls}); give the others with {@link #setProperty}.
   *
   * @param url the {@code jdbc:jwt:<vendor-url>} URL
   */
  public void setUrl(String url) {
    this.url = url;
  }

  /**
   * The {@code jdbc:jwt:} URL.
   *
   * @return the URL, or {@code null} when not set
   */
  public String getUrl() {
    return url;
  }

  /**
   * The database user (for {@code jwt.provider=signed}, also the default token subject).
   *
   * @param user the database user
   */
  public void setUser(String user) {
    this.user = user;
  }

  /**
   * The database user.
   *
   * @return the user, or {@code null} when not set
   */
  public String getUser() {
    return user;
  }

  /**
   * Hikari's {@code dataSource.username} maps here.
   *
   * @param user the database user
   */
  public void setUsername(String user) {
    setUser(user);
  }

  /**
   * A {@code jwt.*} option or a vendor property: application configuration, so every option may be set here.
   *
   * @param name the option or property name
   * @param value its value
   */
  public void setProperty(String name, String value) {
    properties.setProperty(name, value);
  }

  /**
   * {@code jwt.*} options and vendor properties.
   *
   * @param props options and properties, added to those already set
   */
  public void setProperties(Properties props) {
    properties.putAll(props);
  }

  @Override
  public Connection getConnection() throws SQLException {
    Properties p = new Properties();
    p.putAll(properties);
    if (user != null) {
      p.setProperty("user", user);
    }
    return connect(p);
  }

  /**
   * With a token-based login the password is the token; a user given here replaces the configured one, a password is
   * refused (it would be silently ignored otherwise).
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    if (password != null && !password.isEmpty()) {
      throw Errors.configuration("JwtDataSource obtains its password (the token) itself; do not pass one to "
          + "getConnection(user, password) — remove the pool's 'password' setting");
    }
    Properties p = new Properties();
    p.putAll(properties);
    if (username != null) {
      p.setProperty("user", username);
    }
    return connect(p);
  }

  private Connection connect(Properties p) throws SQLException {
    if (url == null) {
      throw Errors.configuration("JwtDataSource has no url; set it to jdbc:jwt:<vendor-url>");
    }
    int timeout = loginTimeout;
    if (timeout > 0 && !p.containsKey(JwtOption.FETCH_TIMEOUT.key())) {
      // the login timeout bounds our part of the login: the wait for a token (the vendor has its own timeout)
      p.setProperty(JwtOption.FETCH_TIMEOUT.key(), timeout + "s");
    }
    Connection c = JwtDriver.instance().connect(url, p);
    if (c == null) {
      throw Errors.configuration("JwtDataSource's url must start with jdbc:jwt:");
    }
    return c;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /**
   * Bounds the wait for a token ({@code jwt.fetchTimeout}) when that option is not set; 0 (the default) keeps
   * {@code jwt.fetchTimeout}'s own default. The vendor driver's connect timeout is its own property (pgjdbc
   * {@code loginTimeout}, Connector/J and MariaDB {@code connectTimeout}).
   */
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
    return Errors.unwrapSelf(this, iface, "JwtDataSource");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return "JwtDataSource[user=" + user + "]";
  }
}
