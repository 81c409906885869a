package dev.jdbcjwt.token.providers.oauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.jwt;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

class JwtBearerProviderTest {

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static String tokenEndpoint() {
    return idp.baseUrl() + "/token";
  }

  @Test
  void signsTheAssertionLocallyAndPresentsItAsTheGrant() throws Exception {
    String access = jwt("app", NOW.plusSeconds(600));
    idp.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\"}")));
    KeyPair key = TestKeys.rsa();

    Token token = source("jwt.provider", "jwt-bearer", "jwt.tokenEndpoint", tokenEndpoint(),
        "jwt.signingKey", TestKeys.pkcs8Pem(key), "jwt.keyId", "k1", "jwt.clientId", "orders-client",
        "jwt.ttl", "2m", "jwt.scope", "db").fetch();

    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    var request = idp.findAll(postRequestedFor(urlEqualTo("/token"))).get(0);
    var form = URLUtils.parseParameters(request.getBodyAsString());
    assertThat(form.get("grant_type")).containsExactly("urn:ietf:params:oauth:grant-type:jwt-bearer");
    assertThat(form.get("scope")).containsExactly("db");
    assertThat(form.get("client_id")).containsExactly("orders-client");
    SignedJWT assertion = SignedJWT.parse(form.get("assertion").get(0));
    assertThat(assertion.verify(new RSASSAVerifier((RSAPublicKey) key.getPublic()))).isTrue();
    assertThat(assertion.getHeader().getKeyID()).isEqualTo("k1");
    assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("orders-client");
    assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("app");
    assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(tokenEndpoint());
    assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(120));
  }

  @Test
  void presentsTheAssertionFromAFile(@TempDir Path dir) throws Exception {
    idp.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"opaque-0123456789abcdefghij\","
        + "\"token_type\":\"Bearer\",\"expires_in\":\"3600\"}")));
    String assertion = jwt("workload", NOW.plusSeconds(300));
    Path file = dir.resolve("assertion.jwt");
    Files.writeString(file, assertion);

    Token token = source("jwt.provider", "jwt-bearer", "jwt.tokenEndpoint", tokenEndpoint(),
        "jwt.assertionFile", file.toString(), "jwt.clientId", "c", "jwt.clientSecret", "s-e-c-r-e-t").fetch();

    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    idp.verify(postRequestedFor(urlEqualTo("/token")).withFormParam("assertion", equalTo(assertion))
        .withHeader("Authorization", equalTo("Basic YzpzLWUtYy1yLWUtdA==")));
  }

  @Test
  void aFileThatIsNotASignedJwtIsUnavailableWithoutQuotingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("assertion.jwt");
    Files.writeString(file, "not-a-jwt-but-maybe-a-secret");
    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "jwt-bearer",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.assertionFile", file.toString()).fetch());
    assertThat(e.getMessage()).contains("jwt.assertionFile does not hold a signed JWT")
        .doesNotContain("maybe-a-secret");
  }

  @Test
  void aRefusedAssertionIsARefusal(@TempDir Path dir) throws Exception {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"signature invalid\"}")));
    Path file = dir.resolve("assertion.jwt");
    Files.writeString(file, jwt("workload", NOW.plusSeconds(300)));
    TokenException e = failure(TokenException.Kind.REFUSED, () -> source("jwt.provider", "jwt-bearer",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.assertionFile", file.toString()).fetch());
    assertThat(e.getMessage()).contains("signature invalid", "assertion's issuer, subject, audience");
  }

  @Test
  void configurationMistakes() {
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "jwt-bearer",
        "jwt.tokenEndpoint", tokenEndpoint())).getMessage()).contains("exactly one of jwt.assertionFile");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "jwt-bearer",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.signingKey", TestKeys.pkcs8Pem(TestKeys.rsa()))).getMessage())
        .startsWith("jwt.assertionIssuer (or jwt.clientId) is required");
  }
}
