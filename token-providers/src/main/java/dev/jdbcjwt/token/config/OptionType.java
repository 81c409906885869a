package dev.jdbcjwt.token.config;

/**
 * The value type of an option: how its text is read and validated ({@link OptionValues}) and which typed getter of
 * {@link TokenConfig} returns it.
 */
public enum OptionType {
  /** Free text: {@link TokenConfig#get}. */
  TEXT,
  /**
   * A secret, or a reference to one ({@code env:NAME}, {@code file:/path}); never echoed:
   * {@link TokenConfig#secret}.
   */
  SECRET,
  /** A path to a file: {@link TokenConfig#path}. */
  PATH,
  /**
   * A duration: {@code 90s}, {@code 15m}, {@code 1h}, {@code 500ms}, {@code 2d} or ISO-8601 ({@code PT90S}):
   * {@link TokenConfig#duration}.
   */
  DURATION,
  /** A share of a token's lifetime ({@code 25%}) or a duration ({@code 2m}): {@link TokenConfig#shareOrDuration}. */
  SHARE_OR_DURATION,
  /** {@code true} or {@code false}: {@link TokenConfig#bool}. */
  BOOLEAN,
  /** One of the constants of the option's enum ({@link JwtOption#choiceType()}): {@link TokenConfig#choice}. */
  CHOICE,
  /** A TCP port number, 1 to 65535: {@link TokenConfig#integer}. */
  PORT,
  /** A family of options sharing a prefix, such as {@code jwt.claim.<name>}: {@link TokenConfig#prefixed}. */
  PREFIX
}
