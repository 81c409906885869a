package dev.jdbcjwt.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JwtValidatorTest {

  private static final String USER = "alice";

  private final TestIssuer issuer = TestIssuer.shared();
  private final JwtValidator validator = new JwtValidator(issuer.trustPolicy());

  @Test
  void acceptsAValidTokenForItsSubject() {
    assertThat(validator.rejectionReason(USER, issuer.mint(USER))).isEmpty();
    assertThat(validator.accepts(USER, issuer.mint(USER))).isTrue();
  }

  @Test
  void acceptsATokenWhoseAudienceListContainsThePolicyAudience() {
    String token = issuer.mint(USER, b -> b.audience(List.of("other-db", issuer.audience())));
    assertThat(validator.rejectionReason(USER, token)).isEmpty();
  }

  @Test
  void acceptsLargeTokens() {
    String token = issuer.mint(USER, b -> b.claim("padding", "p".repeat(4000)));
    assertThat(token.length()).isGreaterThan(4000);
    assertThat(validator.rejectionReason(USER, token)).isEmpty();
  }

  @Test
  void refusesATokenFromAnotherIssuerKey() {
    TestIssuer stranger = TestIssuer.generate(issuer.issuer(), issuer.audience());
    String token = stranger.mint(USER);
    assertRejected(token, "untrusted signature", "no matching key");
  }

  @Test
  void refusesAForgedSignatureUnderTheTrustedKeyId() throws JOSEException {
    TestIssuer stranger = TestIssuer.generate(issuer.issuer(), issuer.audience());
    RSAKey forger = new RSAKey.Builder(stranger.privateJwk()).keyID(issuer.keyId()).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(issuer.keyId()).build(),
        standardClaims().build());
    jwt.sign(new RSASSASigner(forger));
    assertRejected(jwt.serialize(), "untrusted signature", "Invalid signature");
  }

  @Test
  void refusesATamperedPayload() {
    String[] parts = issuer.mint("mallory").split("\\.");
    String honest = issuer.mint(USER).split("\\.")[1];
    String tampered = parts[0] + "." + honest + "." + parts[2];
    assertRejected(tampered, "untrusted signature", "Invalid signature");
  }

  @Test
  void refusesAnUnsignedToken() {
    String token = new PlainJWT(standardClaims().build()).serialize();
    assertRejected(token, "untrusted signature", "");
  }

  @Test
  void refusesTheWrongAudience() {
    assertRejected(issuer.mint(USER, b -> b.audience("another-db")), "claims rejected", "aud claim");
  }

  @Test
  void refusesAMissingAudience() {
    assertRejected(issuer.mint(USER, b -> b.audience((String) null)), "claims rejected", "aud claim");
  }

  @Test
  void explainsClaimRejectionsWithTheClaimValues() {
    assertThat(validator.rejectionReason(USER, issuer.mint("bob")))
        .hasValueSatisfying(r -> assertThat(r).contains("sub=bob", "sub=" + USER));
  }

  @Test
  void refusesTheWrongIssuer() {
    assertRejected(issuer.mint(USER, b -> b.issuer("https://elsewhere.test")), "claims rejected", "iss claim");
  }

  @Test
  void refusesAnExpiredToken() {
    String token = issuer.mint(USER, b -> b.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(1)))));
    assertRejected(token, "claims rejected", "Expired");
  }

  @Test
  void refusesATokenWithoutExpiry() {
    assertRejected(issuer.mint(USER, b -> b.expirationTime(null)), "claims rejected", "[exp]");
  }

  @Test
  void refusesATokenForAnotherUser() {
    assertRejected(issuer.mint("bob"), "claims rejected", "sub claim");
  }

  @Test
  void judgesExpiryByItsClock() {
    String token = issuer.mint(USER, Duration.ofMinutes(5));
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
    Clock almost = Clock.fixed(Instant.now().plus(Duration.ofMinutes(4)), ZoneOffset.UTC);
    assertThat(new JwtValidator(issuer.trustPolicy(), later).rejectionReason(USER, token))
        .hasValueSatisfying(r -> assertThat(r).contains("Expired"));
    assertThat(new JwtValidator(issuer.trustPolicy(), almost).rejectionReason(USER, token)).isEmpty();
  }

  @Test
  void refusesGarbageAndEmptyTokens() {
    assertRejected("not-a-jwt-at-all-but-long-enough", "malformed token", "");
    assertThat(validator.rejectionReason(USER, "")).contains("no token");
    assertThat(validator.rejectionReason(USER, null)).contains("no token");
  }

  @Test
  void acceptsEcKeysWhenThePolicyHasThem() throws JOSEException {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    JwtValidator ecValidator = new JwtValidator(
        new TrustPolicy(new JWKSet(key.toPublicJWK()), issuer.issuer(), issuer.audience()));
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(),
        standardClaims().build());
    jwt.sign(new ECDSASigner(key));
    assertThat(ecValidator.rejectionReason(USER, jwt.serialize())).isEmpty();
    assertThat(ecValidator.rejectionReason(USER, issuer.mint(USER))).isPresent();
  }

  private JWTClaimsSet.Builder standardClaims() {
    return new JWTClaimsSet.Builder()
        .issuer(issuer.issuer())
        .audience(issuer.audience())
        .subject(USER)
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
  }

  private void assertRejected(String token, String category, String detail) {
    Optional<String> reason = validator.rejectionReason(USER, token);
    assertThat(reason).isPresent();
    String head = reason.get().split(" \\(token:")[0];
    assertThat(head).startsWith(category + ": ").containsIgnoringCase(detail);
    assertThat(reason.get()).doesNotContain(token);
    for (String part : token.split("\\.")) {
      if (part.length() >= 8) {
        assertThat(reason.get()).doesNotContain(part);
      }
    }
  }
}
