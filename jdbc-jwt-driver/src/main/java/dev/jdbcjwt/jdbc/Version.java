package dev.jdbcjwt.jdbc;

/** The driver's version, as reported to JDBC. */
final class Version {
  static final int MAJOR = 0;
  static final int MINOR = 1;

  private Version() {
  }
}
