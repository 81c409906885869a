package dev.jdbcjwt.benchmarks.micro;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A vendor driver for {@code jdbc:benchstub:} URLs that does no I/O: {@code connect} checks the URL, reads the
 * password as a real driver does and returns a new {@link StubConnection}. What is left of {@code connect()} through
 * {@code jdbc:jwt:benchstub:} is the driver's own cost.
 */
public final class StubVendorDriver implements Driver {

  public static final String PREFIX = "jdbc:benchstub:";
  public static final StubVendorDriver INSTANCE = new StubVendorDriver();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Makes sure the class is loaded, so that DriverManager knows the driver. */
  public static StubVendorDriver register() {
    return INSTANCE;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    if (info.getProperty("password") == null) {
      throw new SQLException("no password", "28P01");
    }
    return new StubConnection();
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("benchstub");
  }
}
