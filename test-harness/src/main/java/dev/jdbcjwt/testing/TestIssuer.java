package dev.jdbcjwt.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
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
import java.util.function.UnaryOperator;

/**
 * A token issuer for tests: an RSA key pair with a key id, an issuer name and an audience. Mints RS256 JWTs and
 * tells a test database what to trust ({@link #trustPolicy()}).
 */
public final class TestIssuer {

  public static final String DEFAULT_ISSUER = "https://issuer.jdbc-jwt.test";
  public static final String DEFAULT_AUDIENCE = "jdbc-jwt-test-db";

  private static final class Shared {
    static final TestIssuer INSTANCE = generate(DEFAULT_ISSUER, DEFAULT_AUDIENCE);
  }

  private final RSAKey key;
  private final String issuer;
  private final String audience;

  private TestIssuer(RSAKey key, String issuer, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.audience = audience;
  }

  /** The issuer every shared test database trusts (one per JVM). */
  public static TestIssuer shared() {
    return Shared.INSTANCE;
  }

  /** A new issuer with a fresh 2048-bit RSA key. */
  public static TestIssuer generate(String issuer, String audience) {
    try {
      RSAKey key = new RSAKeyGenerator(2048)
          .keyID("test-" + UUID.randomUUID().toString().substring(0, 8))
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.RS256)
          .generate();
      dev.jdbcjwt.testing.leaks.LeakWatch.registerSecret(key.getPrivateExponent().toString());
      return new TestIssuer(key, issuer, audience);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key", e);
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

  /** The private signing key (with its public half). */
  public RSAKey privateJwk() {
    return key;
  }

  /** The private key as a PEM PKCS#8 block ({@code -----BEGIN PRIVATE KEY-----}). */
  public String privateKeyPem() {
    try {
      byte[] der = key.toPrivateKey().getEncoded();
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
      dev.jdbcjwt.testing.leaks.LeakWatch.registerSecret(b64.substring(64 * 3, 64 * 4)); // a line from the key's body
      return "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The options of {@code jwt.provider=signed} with this issuer's key, key id, issuer and audience: a driver given
   * them signs tokens this issuer's trust policy accepts. Add {@code jwt.ttl} and the rest as the test needs.
   */
  public java.util.Properties signedProviderOptions() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("jwt.provider", "signed");
    p.setProperty("jwt.signingKey", privateKeyPem());
    p.setProperty("jwt.keyId", keyId());
    p.setProperty("jwt.issuer", issuer);
    p.setProperty("jwt.audience", audience);
    return p;
  }

  public JWKSet publicJwks() {
    return new JWKSet(key.toPublicJWK());
  }

  public TrustPolicy trustPolicy() {
    return new TrustPolicy(publicJwks(), issuer, audience);
  }

  /** A valid token for {@code subject}, living five minutes. */
  public String mint(String subject) {
    return mint(subject, Duration.ofMinutes(5));
  }

  public String mint(String subject, Duration ttl) {
    return mint(subject, b -> b.expirationTime(Date.from(Instant.now().plus(ttl))));
  }

  /**
   * A token with the standard claims (iss, aud, sub, iat, exp in five minutes, jti) that {@code customizer} may
   * change or add to.
   */
  public String mint(String subject, UnaryOperator<JWTClaimsSet.Builder> customizer) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(audience)
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .jwtID(UUID.randomUUID().toString());
    return sign(customizer.apply(claims).build());
  }

  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a test token", e);
    }
  }
}
