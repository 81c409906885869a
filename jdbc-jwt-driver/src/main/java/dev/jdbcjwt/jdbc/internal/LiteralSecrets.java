package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;

/**
 * Secret {@code jwt.*} options given as values rather than as {@code env:}/{@code file:} references: warned about in a
 * URL, and kept out of what others print (HikariCP's configuration dump), where our own redaction does not reach.
 */
public final class LiteralSecrets {

  private LiteralSecrets() {
  }

  /** True when {@code key} is a secret option and {@code value} is the secret itself. */
  public static boolean isLiteralSecret(String key, String value) {
    return value != null && JwtOption.forKey(key).map(JwtOption::isSecret).orElse(false)
        && !SecretReference.isReference(value.strip());
  }
}
