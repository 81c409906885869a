package dev.jdbcjwt.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The driver's version, as reported to JDBC: the project version the build wrote into {@code version.properties}. */
final class Version {
  static final String TEXT = load();
  static final int MAJOR = part(TEXT, 0);
  static final int MINOR = part(TEXT, 1);

  private Version() {
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("dev/jdbcjwt/jdbc/version.properties is missing from the driver jar");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code index}-th dot-separated number of {@code version} ("1.12.0-SNAPSHOT" → 1, 12, 0). */
  static int part(String version, int index) {
    String[] parts = version.split("[.-]");
    if (parts.length <= index) {
      return 0;
    }
    try {
      return Integer.parseInt(parts[index]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
