package dev.jdbcjwt.jdbc.cli;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * Loads vendor drivers from jars named on the command line. DriverManager only hands out drivers whose class the
 * caller's class loader can see, so each loaded driver is registered through a small shim of ours.
 */
final class DriverJars {

  private DriverJars() {
  }

  static int load(List<Path> jars) throws IOException, SQLException {
    if (jars.isEmpty()) {
      return 0;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < jars.size(); i++) {
      if (!Files.isReadable(jars.get(i))) {
        throw new IOException("--driver-jar " + jars.get(i) + " does not exist or is not readable");
      }
      urls[i] = jars.get(i).toUri().toURL();
    }
    URLClassLoader loader = new URLClassLoader(urls, DriverJars.class.getClassLoader());
    int n = 0;
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getClassLoader() == loader) {
        DriverManager.registerDriver(new Shim(d));
        n++;
      }
    }
    return n;
  }

  /** Delegates to a driver from another class loader. */
  private static final class Shim implements Driver {
    private final Driver d;

    Shim(Driver d) {
      this.d = d;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      return d.connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
      return d.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
      return d.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
      return d.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
      return d.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
      return d.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return d.getParentLogger();
    }
  }
}
