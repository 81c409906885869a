package dev.jdbcjwt.token.config;

/** The values of {@code jwt.clientAuthMethod}: how an OAuth client authenticates at the token endpoint. */
public enum ClientAuthMethod implements OptionChoice {
  /** The client secret in HTTP Basic authentication. */
  CLIENT_SECRET_BASIC,
  /** The client secret in the request body. */
  CLIENT_SECRET_POST,
  /** A signed assertion per request (RFC 7523). */
  PRIVATE_KEY_JWT,
  /** No client authentication (a public client). */
  NONE
}
