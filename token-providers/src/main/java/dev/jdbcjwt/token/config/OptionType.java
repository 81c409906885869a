package dev.jdbcjwt.token.config;

/** How an option's text is read and validated. */
public enum OptionType {
  /** Free text. */
  TEXT,
  /** A secret, or a reference to one ({@code env:NAME}, {@code file:/path}); never echoed. */
  SECRET,
  /** A path to a file. */
  PATH,
  /** A duration: {@code 90s}, {@code 15m}, {@code 1h}, {@code 500ms}, {@code 2d} or ISO-8601 ({@code PT90S}). */
  DURATION,
  /** A share of a token's lifetime ({@code 25%}) or a duration ({@code 2m}). */
  SHARE_OR_DURATION,
  /** One of the option's choices. */
  CHOICE,
  /** A family of options sharing a prefix, such as {@code jwt.claim.<name>}. */
  PREFIX
}
