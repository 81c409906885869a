package dev.jdbcjwt.token;

import java.util.Objects;

/**
 * Why no token could be had. The message is one line for a person: it names the option involved and what to do, and
 * never contains a token or secret.
 */
public class TokenException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What kind of failure this is; the JDBC driver maps each to a SQLState. */
  public enum Kind {
    /** The configuration is wrong or incomplete: fixing the options fixes it. */
    CONFIGURATION,
    /** The identity provider or token source failed or gave something unusable: retrying may help. */
    UNAVAILABLE,
    /** The identity provider refused our credential (e.g. OAuth {@code invalid_client}): fix the credential. */
    REFUSED
  }

  /** The kind of failure. */
  private final Kind kind;

  /**
   * A failure of the given kind.
   *
   * @param kind what went wrong
   * @param message what to do about it; never a token or secret
   */
  public TokenException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * A failure of the given kind with its cause.
   *
   * @param kind what went wrong
   * @param message what to do about it; never a token or secret
   * @param cause the underlying failure
   */
  public TokenException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * A configuration mistake: an option is missing or unusable.
   *
   * @param message names the option and what to do
   * @return the exception
   */
  public static TokenException configuration(String message) {
    return new TokenException(Kind.CONFIGURATION, message);
  }

  /**
   * A configuration mistake with its cause.
   *
   * @param message names the option and what to do
   * @param cause the underlying failure
   * @return the exception
   */
  public static TokenException configuration(String message, Throwable cause) {
    return new TokenException(Kind.CONFIGURATION, message, cause);
  }

  /**
   * No token could be obtained now (identity provider down or slow, bad answer); worth retrying.
   *
   * @param message what failed
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static TokenException unavailable(String message, Throwable cause) {
    return new TokenException(Kind.UNAVAILABLE, message, cause);
  }

  /**
   * The identity provider refused the request (bad client credentials, unknown client).
   *
   * @param message what failed
   * @param cause the underlying failure, or {@code null}
   * @return the exception
   */
  public static TokenException refused(String message, Throwable cause) {
    return new TokenException(Kind.REFUSED, message, cause);
  }

  /**
   * What went wrong.
   *
   * @return the kind of failure
   */
  public Kind kind() {
    return kind;
  }
}
