package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSources;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static dev.jdbcjwt.token.providers.ProviderTesting.config;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth providers against a real OAuth 2.0 / OpenID Connect server implementation (mock-oauth2-server): discovery,
 * client credentials with a secret and with private_key_jwt, token exchange and jwt-bearer. Every token obtained is
 * verified against that server's JWKS and issuer, as a database would.
 */
class MockOAuth2ServerTest {

  private static final String ISSUER_ID = "db";
  private static MockOAuth2Server server;

  @BeforeAll
  static void start() {
    server = new MockOAuth2Server();
    server.start();
  }

  @AfterAll
  static void stop() {
    server.shutdown();
  }

  private static String issuer() {
    return server.issuerUrl(ISSUER_ID).toString();
  }

  /**
   * Fetches with a generous HTTP timeout: the server's first answers (discovery, keys) come from a cold JVM, and on a
   * loaded build machine they took longer than the 5 s default; this test checks the exchange, not its speed.
   */
  private static Token fetch(String... options) throws TokenException {
    String[] all = java.util.Arrays.copyOf(options, options.length + 2);
    all[options.length] = "jwt.httpTimeout";
    all[options.length + 1] = "30s";
    return TokenSources.create(config(all), Clock.systemUTC()).fetch();
  }

  /** Verifies the token's signature against the server's published keys and its issuer; returns its claims' JWT. */
  private static SignedJWT verified(Token token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token.value().reveal());
    JWKSet keys = JWKSet.load(server.jwksUrl(ISSUER_ID).url());
    RSAKey key = (RSAKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("signing key published in the JWKS").isNotNull();
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(issuer());
    assertThat(token.expiresAt()).isAfter(Instant.now());
    assertThat(token.expiresAt()).isEqualTo(jwt.getJWTClaimsSet().getExpirationTime().toInstant());
    return jwt;
  }

  @Test
  void clientCredentialsWithASecretThroughDiscovery() throws Exception {
    Token token = fetch("jwt.provider", "client-credentials", "jwt.issuer", issuer(), "jwt.clientId", "orders",
        "jwt.clientSecret", "orders-secret", "jwt.scope", "orders-db");

    SignedJWT jwt = verified(token);
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("orders");
    assertThat(token.subject()).contains("orders");
  }

  @Test
  void clientCredentialsWithPrivateKeyJwt() throws Exception {
    Token token = fetch("jwt.provider", "client-credentials", "jwt.issuer", issuer(), "jwt.clientId", "reports",
        "jwt.clientAssertionKey", TestKeys.pkcs8Pem(TestKeys.rsa()), "jwt.scope", "reports-db");

    assertThat(verified(token).getJWTClaimsSet().getSubject()).isEqualTo("reports");
  }

  @Test
  void tokenExchangeOfAnotherIssuersToken(@TempDir Path dir) throws Exception {
    SignedJWT subject = server.issueToken("kubernetes", "system:serviceaccount:shop:orders", "orders-exchange");
    Path file = dir.resolve("token");
    Files.writeString(file, subject.serialize());

    Token token = fetch("jwt.provider", "token-exchange", "jwt.issuer", issuer(), "jwt.subjectTokenFile",
        file.toString(), "jwt.audience", "orders-db", "jwt.clientId", "orders",
        "jwt.clientAssertionKey", TestKeys.pkcs8Pem(TestKeys.rsa()));

    SignedJWT jwt = verified(token);
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("system:serviceaccount:shop:orders");
    assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("orders-db");
  }

  @Test
  void jwtBearerWithALocallySignedAssertion() throws Exception {
    Token token = fetch("jwt.provider", "jwt-bearer", "jwt.issuer", issuer(), "jwt.signingKey",
        TestKeys.pkcs8Pem(TestKeys.rsa()), "jwt.clientId", "batch", "jwt.clientSecret", "batch-secret",
        "jwt.subject", "batch-user", "jwt.scope", "batch-db");

    assertThat(verified(token).getJWTClaimsSet().getSubject()).isEqualTo("batch-user");
  }
}
