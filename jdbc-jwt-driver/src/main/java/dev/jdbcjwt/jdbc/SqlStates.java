package dev.jdbcjwt.jdbc;

/** The SQLStates this driver reports; pools classify connection errors by them. */
public final class SqlStates {

  /** The database or the driver refused the token (invalid authorization specification). */
  public static final String TOKEN_REFUSED = "28000";
  /** No token could be obtained: the identity provider is down, slow or refused us. */
  public static final String TOKEN_UNAVAILABLE = "08001";
  /** The configuration is wrong: an option is missing, unknown or malformed, or a vendor driver is missing. */
  public static final String BAD_CONFIGURATION = "HY000";

  private SqlStates() {
  }
}
