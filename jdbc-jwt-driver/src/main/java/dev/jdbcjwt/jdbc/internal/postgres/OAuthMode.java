package dev.jdbcjwt.jdbc.internal.postgres;

import java.util.Locale;

/** The values of {@code jwt.postgresOAuth}. */
public enum OAuthMode {
  /** Answer a server that asks for OAUTHBEARER with the token; password servers get the token as the password. */
  AUTO,
  /** Only OAUTHBEARER: the token is never sent as a password; any other server is refused. */
  REQUIRE,
  /** Never answer OAUTHBEARER; a server that asks only for it is refused with a clear error. */
  OFF;

  public static OAuthMode parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
