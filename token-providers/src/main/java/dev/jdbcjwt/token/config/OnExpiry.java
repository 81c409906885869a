package dev.jdbcjwt.token.config;

/** The values of {@code jwt.onExpiry}: what happens to a connection when its token expires. */
public enum OnExpiry implements OptionChoice {
  /** {@code isValid()} turns false, so pools replace the connection; a holder may keep using it. */
  EVICT,
  /** The connection is aborted at the token's expiry even if in use. */
  CLOSE,
  /** Nothing: the connection stays valid as long as the database keeps it. */
  NONE
}
