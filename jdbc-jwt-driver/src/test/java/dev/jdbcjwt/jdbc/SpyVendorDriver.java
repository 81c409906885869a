package dev.jdbcjwt.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A stand-in for pgjdbc, Connector/J and MariaDB Connector/J, never registered with DriverManager: it records every
 * connect and answers with a {@link StubDriver} connection, without any network. Given to a {@link JwtDriver} through
 * its test environment.
 */
final class SpyVendorDriver implements Driver {

  private final List<String> urls = new ArrayList<>();

  synchronized List<String> connectedUrls() {
    return List.copyOf(urls);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    synchronized (this) {
      urls.add(url);
    }
    return StubDriver.INSTANCE.connect("jdbc:stub:spy", info);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.matches("jdbc:(postgresql|mysql|mariadb):.*");
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
    return Logger.getLogger("spy");
  }
}
