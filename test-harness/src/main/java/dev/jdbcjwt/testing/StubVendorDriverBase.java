package dev.jdbcjwt.testing;

import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * What every stand-in vendor driver of the tests and benchmarks answers alike: version 1.0, not JDBC compliant, no
 * properties of its own, a logger named after it. Subclasses say which URLs they take and what {@code connect} does.
 */
public abstract class StubVendorDriverBase implements Driver {

  private final String name;

  /** A driver whose logger is called {@code name}. */
  protected StubVendorDriverBase(String name) {
    this.name = name;
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
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
    return Logger.getLogger(name);
  }
}
