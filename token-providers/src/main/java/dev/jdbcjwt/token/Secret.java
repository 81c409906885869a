package dev.jdbcjwt.token;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret value: a token, a client secret, a private key. Its {@link #toString()} never shows the value; the only
 * way to read it is {@link #reveal()}, which is called at the few places that must hand it on (the vendor driver's
 * password property, a signer, an HTTP request).
 */
public final class Secret {

  private static final String REDACTED = dev.jdbcjwt.token.providers.Redaction.REDACTED;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the secret, never {@code null}
   * @return the secret
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return new Secret(value);
  }

  /**
   * The secret itself. Never log, print or put it in an exception message.
   *
   * @return the secret value
   */
  public String reveal() {
    return value;
  }

  /**
   * The length of the value, for checks that must not see it.
   *
   * @return the number of characters
   */
  public int length() {
    return value.length();
  }

  /**
   * Whether the value is empty.
   *
   * @return true for an empty secret
   */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  /** Compares in constant time, so equality checks leak nothing through timing. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return REDACTED;
  }
}
