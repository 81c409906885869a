package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.testing.StubVendorDriverBase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A vendor driver for {@code jdbc:benchstub:} URLs that does no I/O: {@code connect} checks the URL, reads the
 * password as a real driver does and returns a new {@link StubConnection}. What is left of {@code connect()} through
 * {@code jdbc:jwt:benchstub:} is the driver's own cost.
 */
public final class StubVendorDriver extends StubVendorDriverBase {

  public static final String PREFIX = "jdbc:benchstub:";
  public static final StubVendorDriver INSTANCE = new StubVendorDriver();

  private StubVendorDriver() {
    super("benchstub");
  }

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
}
