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

  private final Kind kind;

  public TokenException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public TokenException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public static TokenException configuration(String message) {
    return new TokenException(Kind.CONFIGURATION, message);
  }

  public static TokenException configuration(String message, Throwable cause) {
    return new TokenException(Kind.CONFIGURATION, message, cause);
  }

  public static TokenException unavailable(String message, Throwable cause) {
    return new TokenException(Kind.UNAVAILABLE, message, cause);
  }

  public static TokenException refused(String message, Throwable cause) {
    return new TokenException(Kind.REFUSED, message, cause);
  }

  public Kind kind() {
    return kind;
  }
}
