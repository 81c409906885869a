package dev.jdbcjwt.samples.quickstart;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * The demo's identity provider, in process: one RSA key pair made at start. The database gets only the public half
 * (a JWKS); the application gets the private half as PKCS#8 PEM text for the driver's {@code signed} provider.
 *
 * <p>Nothing here ever prints the private key or a token: {@link #toString()} names the key id only.
 */
public final class TokenIssuer {

  private final String issuer;
  private final String audience;
  private final RSAKey key;

  private TokenIssuer(String issuer, String audience, RSAKey key) {
    this.issuer = issuer;
    this.audience = audience;
    this.key = key;
  }

  /** Generates a fresh 2048-bit RSA key pair named {@code keyId}. */
  public static TokenIssuer start(String issuer, String audience, String keyId) {
    try {
      RSAKey key = new RSAKeyGenerator(2048)
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .keyID(keyId)
          .generate();
      return new TokenIssuer(issuer, audience, key);
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate an RSA key pair", e);
    }
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  public String keyId() {
    return key.getKeyID();
  }

  /** What the database trusts: the public key only. */
  public JWKSet publicJwks() {
    return new JWKSet(key.toPublicJWK());
  }

  /** The private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). A secret: hand it over, never print it. */
  public String privateKeyPem() {
    try {
      return pem(key.toPrivateKey().getEncoded());
    } catch (JOSEException e) {
      throw new IllegalStateException("could not export the private key", e);
    }
  }

  static String pem(byte[] pkcs8) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8);
    return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
  }

  /**
   * Mints a token the way the driver's {@code signed} provider does. The demo itself lets the driver mint; this is
   * for checking the database's side on its own (tests) and for the untrusted-key case.
   */
  public String mint(String subject, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(subject)
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign a token", e);
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "TokenIssuer[issuer=" + issuer + ", audience=" + audience + ", keyId=" + keyId() + "]";
  }
}
