package dev.jdbcjwt.jdbc.cli;

/** Exit codes of the command line, one per kind of failure, so scripts can tell them apart. */
final class ExitCode {
  static final int OK = 0;
  static final int USAGE = 64;
  /** An option is missing, unknown or malformed, or a vendor driver is missing. */
  static final int CONFIGURATION = 2;
  /** No token could be obtained: the identity provider is unreachable, slow or failing. */
  static final int TOKEN_UNAVAILABLE = 3;
  /** The identity provider refused our credential. */
  static final int IDP_REFUSED = 4;
  /** The database refused the token. */
  static final int DATABASE_REFUSED = 5;
  /** The connection failed for another reason (network, TLS, database down). */
  static final int CONNECTION_FAILED = 6;

  private ExitCode() {
  }
}
