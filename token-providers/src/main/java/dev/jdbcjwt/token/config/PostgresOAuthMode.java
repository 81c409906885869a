package dev.jdbcjwt.token.config;

/** The values of {@code jwt.postgresOAuth}: PostgreSQL 18+ native OAuth (SASL OAUTHBEARER) through pgjdbc. */
public enum PostgresOAuthMode implements OptionChoice {
  /** Answer a server that asks for OAUTHBEARER with the token; password servers get the token as the password. */
  AUTO,
  /** Only OAUTHBEARER: the token is never sent as a password; any other server is refused. */
  REQUIRE,
  /** Never answer OAUTHBEARER; a server that asks only for it is refused with a clear error. */
  OFF
}
