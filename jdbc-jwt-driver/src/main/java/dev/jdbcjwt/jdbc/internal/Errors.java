package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.SqlStates;
import dev.jdbcjwt.token.TokenException;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientException;
import java.sql.SQLTransientConnectionException;

/** Builds the driver's SQLExceptions: one-line messages that start with "jdbc-jwt:" and name what to do. */
public final class Errors {

  private static final String PREFIX = "jdbc-jwt: ";

  private Errors() {
  }

  /**
   * A configuration mistake (HY000). Not a connection-error type: nothing about the connection failed, and retrying
   * the same configuration cannot succeed.
   */
  public static SQLException configuration(String message) {
    return new SQLNonTransientException(PREFIX + message, SqlStates.BAD_CONFIGURATION);
  }

  public static SQLException configuration(String message, Throwable cause) {
    return new SQLNonTransientException(PREFIX + message, SqlStates.BAD_CONFIGURATION, cause);
  }

  public static SQLException tokenUnavailable(String message, Throwable cause) {
    return new SQLTransientConnectionException(PREFIX + message, SqlStates.TOKEN_UNAVAILABLE, cause);
  }

  /** What {@code getParentLogger()} of the driver and its DataSources throws: jdbc-jwt does not log through JUL. */
  public static SQLFeatureNotSupportedException noParentLogger() {
    return new SQLFeatureNotSupportedException("jdbc-jwt logs through System.Logger ('dev.jdbcjwt')");
  }

  /**
   * {@link java.sql.Wrapper#unwrap} of a jdbc-jwt object ({@code what}) that wraps nothing: itself, when it is an
   * {@code iface}.
   */
  public static <T> T unwrapSelf(Object self, Class<T> iface, String what) throws SQLException {
    if (iface.isInstance(self)) {
      return iface.cast(self);
    }
    throw new SQLException(what + " is not a wrapper for " + iface.getName());
  }

  /** Keeps the vendor's error code, so code that matches on it (MySQL's 1045) keeps working. */
  public static SQLException tokenRefused(String message, SQLException vendorError) {
    return new SQLInvalidAuthorizationSpecException(PREFIX + message, SqlStates.TOKEN_REFUSED,
        vendorError.getErrorCode(), vendorError);
  }

  /**
   * Maps a token source failure: configuration mistakes to HY000, a credential the identity provider refused to
   * 28000, everything else to 08001.
   */
  public static SQLException of(TokenException e) {
    switch (e.kind()) {
      case CONFIGURATION:
        return configuration(e.getMessage(), e.getCause());
      case REFUSED:
        return new SQLInvalidAuthorizationSpecException(PREFIX + "the identity provider refused our credential: "
            + e.getMessage(), SqlStates.TOKEN_REFUSED, e);
      default:
        return tokenUnavailable("no token could be obtained: " + e.getMessage(), e);
    }
  }
}
