package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.StubVendorDriverBase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A stand-in for pgjdbc, Connector/J and MariaDB Connector/J, never registered with DriverManager: it records every
 * connect and answers with a {@link StubDriver} connection, without any network. Given to a {@link JwtDriver} through
 * its test environment.
 */
final class SpyVendorDriver extends StubVendorDriverBase {

  private final List<String> urls = new ArrayList<>();

  SpyVendorDriver() {
    super("spy");
  }

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
}
