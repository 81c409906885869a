package dev.jdbcjwt.testing.mariadb;

/**
 * This machine cannot run a private MariaDB test server: a program, plugin or Python package is missing, or the
 * process lacks the rights it needs. The message names what is missing and the Debian packages that provide it.
 */
public final class MariaDbUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public MariaDbUnavailableException(String message) {
    super(message);
  }

  public MariaDbUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
