package dev.jdbcjwt.token.config;

/** The values of {@code jwt.algorithm}: JWS algorithms, spelled as in RFC 7518 and RFC 8037. */
public enum SigningAlgorithm implements OptionChoice {
  /** RSASSA-PKCS1-v1_5 with SHA-256. */
  RS256,
  /** RSASSA-PKCS1-v1_5 with SHA-384. */
  RS384,
  /** RSASSA-PKCS1-v1_5 with SHA-512. */
  RS512,
  /** RSASSA-PSS with SHA-256. */
  PS256,
  /** RSASSA-PSS with SHA-384. */
  PS384,
  /** RSASSA-PSS with SHA-512. */
  PS512,
  /** ECDSA on P-256 with SHA-256. */
  ES256,
  /** ECDSA on P-384 with SHA-384. */
  ES384,
  /** ECDSA on P-521 with SHA-512. */
  ES512,
  /** EdDSA (Ed25519). */
  EdDSA;

  /** The JWS name, which is the constant's name. */
  @Override
  public String optionValue() {
    return name();
  }
}
