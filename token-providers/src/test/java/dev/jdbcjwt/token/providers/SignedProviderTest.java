package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedProviderTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static TokenSource source(String key, String... more) throws TokenException {
    Map<String, String> options = new HashMap<>();
    options.put("jwt.provider", "signed");
    options.put("jwt.signingKey", key);
    options.put("jwt.issuer", "https://issuer.example");
    options.put("jwt.audience", "db1, db2");
    for (int i = 0; i < more.length; i += 2) {
      options.put(more[i], more[i + 1]);
    }
    return TokenSources.create(TokenConfig.of(options, "app"), CLOCK);
  }

  @Test
  void rsaPemMintsAVerifiableRs256TokenWithTheConfiguredClaims() throws Exception {
    KeyPair rsa = TestKeys.rsa();
    Token token = source(TestKeys.pkcs8Pem(rsa), "jwt.keyId", "k-1", "jwt.ttl", "10m", "jwt.claim.tenant", "acme")
        .fetch();

    SignedJWT jwt = SignedJWT.parse(token.value().reveal());
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) rsa.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("k-1");
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://issuer.example");
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("app");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("db1", "db2");
    assertThat(jwt.getJWTClaimsSet().getStringClaim("tenant")).isEqualTo("acme");
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(token.issuedAt()).contains(NOW);
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(600));
  }

  @Test
  void eachFetchMintsANewToken() throws Exception {
    TokenSource s = source(TestKeys.pkcs8Pem(TestKeys.rsa()));
    assertThat(s.fetch().value().reveal()).isNotEqualTo(s.fetch().value().reveal());
  }

  @Test
  void ecKeysImplyTheirCurvesAlgorithm() throws Exception {
    KeyPair p256 = TestKeys.ec("secp256r1");
    SignedJWT jwt = SignedJWT.parse(source(TestKeys.pkcs8Pem(p256)).fetch().value().reveal());
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) p256.getPublic()))).isTrue();

    KeyPair p384 = TestKeys.ec("secp384r1");
    SignedJWT jwt384 = SignedJWT.parse(source(TestKeys.pkcs8Pem(p384)).fetch().value().reveal());
    assertThat(jwt384.getHeader().getAlgorithm().getName()).isEqualTo("ES384");
    assertThat(jwt384.verify(new ECDSAVerifier((ECPublicKey) p384.getPublic()))).isTrue();
  }

  @Test
  void ed25519PemSignsEdDsaVerifiableByTheJdk() throws Exception {
    KeyPair ed = TestKeys.ed25519();
    SignedJWT jwt = SignedJWT.parse(source(TestKeys.pkcs8Pem(ed)).fetch().value().reveal());
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
    assertThat(verifyEd25519(jwt, ed.getPublic())).isTrue();
  }

  @Test
  void ed25519JwkSignsWithItsKidAndPublicHalfVerifies() throws Exception {
    KeyPair pair = TestKeys.ed25519();
    byte[] d = java.util.Arrays.copyOfRange(pair.getPrivate().getEncoded(), 16, 48);
    byte[] pub = pair.getPublic().getEncoded();
    OctetKeyPair okp = new OctetKeyPair.Builder(Curve.Ed25519,
        com.nimbusds.jose.util.Base64URL.encode(java.util.Arrays.copyOfRange(pub, pub.length - 32, pub.length)))
        .d(com.nimbusds.jose.util.Base64URL.encode(d)).keyID("ed-1").build();
    SignedJWT jwt = SignedJWT.parse(source(okp.toJSONString()).fetch().value().reveal());
    assertThat(jwt.getHeader().getKeyID()).isEqualTo("ed-1");
    Signature v = Signature.getInstance("Ed25519");
    // Rebuild the JDK public key from the JWK's x through X.509 encoding.
    byte[] x = okp.getDecodedX();
    byte[] prefix = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
    byte[] der = new byte[prefix.length + x.length];
    System.arraycopy(prefix, 0, der, 0, prefix.length);
    System.arraycopy(x, 0, der, prefix.length, x.length);
    assertThat(verifyEd25519(jwt, java.security.KeyFactory.getInstance("Ed25519")
        .generatePublic(new java.security.spec.X509EncodedKeySpec(der)))).isTrue();
    assertThat(v).isNotNull();
  }

  private static boolean verifyEd25519(SignedJWT jwt, java.security.PublicKey key) throws Exception {
    Signature v = Signature.getInstance("Ed25519");
    v.initVerify(key);
    v.update(jwt.getSigningInput());
    return v.verify(jwt.getSignature().decode());
  }

  @Test
  void rsaJwkKeepsItsKidUnlessOverridden() throws Exception {
    RSAKey jwk = new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID("jwk-kid").keyUse(KeyUse.SIGNATURE)
        .generate();
    JWSVerifier verifier = new RSASSAVerifier(jwk.toRSAPublicKey());
    SignedJWT a = SignedJWT.parse(source(jwk.toJSONString(), "jwt.algorithm", "PS256").fetch().value().reveal());
    assertThat(a.getHeader().getKeyID()).isEqualTo("jwk-kid");
    assertThat(a.getHeader().getAlgorithm().getName()).isEqualTo("PS256");
    assertThat(a.verify(verifier)).isTrue();
    SignedJWT b = SignedJWT.parse(source(jwk.toJSONString(), "jwt.keyId", "other").fetch().value().reveal());
    assertThat(b.getHeader().getKeyID()).isEqualTo("other");
  }

  @Test
  void mistakesAreOneLineConfigurationErrorsNamingTheOptionAndNeverTheKey() {
    String rsaPem = TestKeys.pkcs8Pem(TestKeys.rsa());
    String body = rsaPem.split("\n")[2];
    assertConfigError(() -> source(rsaPem, "jwt.algorithm", "ES256"),
        "jwt.algorithm=ES256 does not fit the RSA key of jwt.signingKey; use RS256, RS384, RS512, PS256, PS384 or "
            + "PS512 or leave jwt.algorithm out", body);
    assertConfigError(() -> source(rsaPem.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY")
            .replace("END PRIVATE KEY", "END RSA PRIVATE KEY")),
        "jwt.signingKey holds a PEM key in a format that is not read here; convert it to unencrypted PKCS#8 with: "
            + "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem", body);
    assertConfigError(() -> source("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"),
        "jwt.signingKey: the PEM block is not an RSA, EC or Ed25519 PKCS#8 private key", "AAAA");
    assertConfigError(() -> source("not a key at all"),
        "jwt.signingKey is neither a PEM private key ('-----BEGIN PRIVATE KEY-----') nor a JWK (JSON); give the key "
            + "itself or a reference: file:/path/key.pem or env:NAME", "not a key at all");
    assertConfigError(() -> source(rsaPem, "jwt.claim.exp", "1"),
        "jwt.claim.exp would override a registered claim; use jwt.issuer, jwt.subject, jwt.audience or jwt.ttl "
            + "instead", body);
    assertConfigError(() -> source(rsaPem, "jwt.ttl", "0s"), "jwt.ttl must be at least 1s (got 0s)", body);
  }

  @Test
  void aWeakRsaKeyIsRefused() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    assertConfigError(() -> source(TestKeys.pkcs8Pem(g.generateKeyPair())),
        "jwt.signingKey: the RSA key has 1024 bits; use at least 2048", "none");
  }

  @Test
  void subjectDefaultsToTheUserAndIsRequiredWithoutOne() throws Exception {
    String pem = TestKeys.pkcs8Pem(TestKeys.rsa());
    TokenConfig noUser = TokenConfig.of(Map.of("jwt.provider", "signed", "jwt.signingKey", pem), null);
    assertThatThrownBy(() -> TokenSources.create(noUser, CLOCK))
        .hasMessage("jwt.subject is required by jwt.provider=signed when no 'user' is given; set either");
    TokenConfig explicit = TokenConfig.of(Map.of("jwt.provider", "signed", "jwt.signingKey", pem,
        "jwt.subject", "svc"), "app");
    assertThat(TokenSources.create(explicit, CLOCK).fetch().subject()).contains("svc");
  }

  @Test
  void unknownProviderListsTheAvailableOnes() throws Exception {
    TokenConfig c = TokenConfig.of(Map.of("jwt.provider", "nope"), null);
    assertThatThrownBy(() -> TokenSources.create(c, CLOCK))
        .hasMessageStartingWith("jwt.provider='nope' is not a known provider; available: ")
        .hasMessageContaining("file").hasMessageContaining("signed").hasMessageContaining("static");
    assertThat(TokenSources.providers().keySet()).containsAll(List.of("file", "signed", "static"));
  }

  interface Call {
    void run() throws Exception;
  }

  private static void assertConfigError(Call call, String message, String mustNotContain) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(TokenException.class, e -> {
      assertThat(e.kind()).isEqualTo(TokenException.Kind.CONFIGURATION);
      assertThat(e.getMessage()).isEqualTo(message).doesNotContain(mustNotContain).doesNotContain("\n");
    });
  }

  @Test
  void aKeyFileThatChangesSignsTheNextTokenWithTheNewKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    KeyPair first = TestKeys.rsa();
    KeyPair second = TestKeys.ec("secp256r1");
    java.nio.file.Path file = dir.resolve("key.pem");
    java.nio.file.Files.writeString(file, TestKeys.pkcs8Pem(first));
    TokenSource s = source("file:" + file);
    SignedJWT before = SignedJWT.parse(s.fetch().value().reveal());
    assertThat(before.verify(new RSASSAVerifier((RSAPublicKey) first.getPublic()))).isTrue();

    java.nio.file.Path next = dir.resolve("key.next");
    java.nio.file.Files.writeString(next, TestKeys.pkcs8Pem(second));
    java.nio.file.Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);

    SignedJWT after = SignedJWT.parse(s.fetch().value().reveal());
    assertThat(after.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(after.getHeader().getKeyID()).isNotEqualTo(before.getHeader().getKeyID());
    assertThat(after.verify(new ECDSAVerifier((ECPublicKey) second.getPublic()))).isTrue();

    java.nio.file.Files.writeString(file, "-----BEGIN PRIVATE KEY-----\nhalf written");
    assertThatThrownBy(s::fetch).isInstanceOfSatisfying(TokenException.class, e -> {
      assertThat(e.kind()).isEqualTo(TokenException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).contains("tokens already issued stay in use while this is retried");
    });
  }
}
