package dev.jdbcjwt.token.config;

/** The values of {@code jwt.algorithm}: JWS algorithms, spelled as in RFC 7518 and RFC 8037. */
public enum SigningAlgorithm implements OptionChoice {
  RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA;

  /** The JWS name, which is the constant's name. */
  @Override
  public String optionValue() {
    return name();
  }
}
