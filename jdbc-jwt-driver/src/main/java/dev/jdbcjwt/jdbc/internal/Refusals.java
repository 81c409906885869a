package dev.jdbcjwt.jdbc.internal;

import java.sql.SQLException;

/** Recognises a vendor driver's "bad credentials" error, whatever the vendor. */
public final class Refusals {

  /** MySQL/MariaDB ER_ACCESS_DENIED_ERROR. */
  private static final int MYSQL_ACCESS_DENIED = 1045;

  private Refusals() {
  }

  /** True when the database refused the credentials (SQLState class 28, or MySQL's access-denied code). */
  public static boolean isRefusal(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("28")) || e.getErrorCode() == MYSQL_ACCESS_DENIED;
  }
}
