package dev.jdbcjwt.token.providers.oauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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

class TokenExchangeProviderTest {

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String ISSUED = "{\"access_token\":\"exchanged-opaque-token-0123456789abcdef\","
      + "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"Bearer\","
      + "\"expires_in\":120}";

  private static String tokenEndpoint() {
    return idp.baseUrl() + "/token";
  }

  @Test
  void exchangesTheFileTokenReReadingItAtEveryRequest(@TempDir Path dir) throws Exception {
    idp.stubFor(post("/token").willReturn(okJson(ISSUED)));
    Path file = dir.resolve("k8s-token");
    String first = jwt("system:serviceaccount:shop:orders", NOW.plusSeconds(3600));
    Files.writeString(file, first + "\n");

    TokenSource s = source("jwt.provider", "token-exchange", "jwt.tokenEndpoint", tokenEndpoint(),
        "jwt.subjectTokenFile", file.toString(), "jwt.audience", "orders-db", "jwt.scope", "db",
        "jwt.requestedTokenType", "access_token", "jwt.clientId", "orders", "jwt.clientSecret", "exchange-secret");
    Token token = s.fetch();

    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(120));
    idp.verify(postRequestedFor(urlEqualTo("/token"))
        .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:token-exchange"))
        .withFormParam("subject_token", equalTo(first))
        .withFormParam("subject_token_type", equalTo("urn:ietf:params:oauth:token-type:jwt"))
        .withFormParam("requested_token_type", equalTo("urn:ietf:params:oauth:token-type:access_token"))
        .withFormParam("audience", equalTo("orders-db"))
        .withFormParam("scope", equalTo("db"))
        .withHeader("Authorization", equalTo("Basic b3JkZXJzOmV4Y2hhbmdlLXNlY3JldA==")));

    String rotated = jwt("system:serviceaccount:shop:orders-rotated", NOW.plusSeconds(3600));
    Files.writeString(file, rotated);
    s.fetch();
    idp.verify(postRequestedFor(urlEqualTo("/token")).withFormParam("subject_token", equalTo(rotated)));
  }

  @Test
  void exchangesAnotherProvidersTokenAsAPublicClient() throws Exception {
    idp.stubFor(post("/token").willReturn(okJson(ISSUED)));
    String subject = jwt("workload", NOW.plusSeconds(600));

    source("jwt.provider", "token-exchange", "jwt.tokenEndpoint", tokenEndpoint(), "jwt.subjectTokenProvider",
        "static", "jwt.token", subject, "jwt.subjectTokenType", "access_token", "jwt.clientId", "orders").fetch();

    idp.verify(postRequestedFor(urlEqualTo("/token"))
        .withFormParam("subject_token", equalTo(subject))
        .withFormParam("subject_token_type", equalTo("urn:ietf:params:oauth:token-type:access_token"))
        .withFormParam("client_id", equalTo("orders"))
        .withFormParam("requested_token_type", absent())
        .withHeader("Authorization", absent()));
  }

  @Test
  void aRefusedSubjectTokenIsARefusalThatSaysWhatToCheck(@TempDir Path dir) throws Exception {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"subject token expired\"}")));
    Path file = dir.resolve("token");
    String subject = jwt("workload", NOW.plusSeconds(600));
    Files.writeString(file, subject);

    TokenException e = failure(TokenException.Kind.REFUSED, () -> source("jwt.provider", "token-exchange",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.subjectTokenFile", file.toString()).fetch());

    assertThat(e.getMessage()).contains("'invalid_grant'", "subject token expired", "check the subject token",
        "jwt.subjectTokenType").doesNotContain(subject);
  }

  @Test
  void aMissingSubjectTokenFileIsUnavailable(@TempDir Path dir) throws Exception {
    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "token-exchange",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.subjectTokenFile", dir.resolve("absent").toString()).fetch());
    assertThat(e.getMessage()).contains("jwt.subjectTokenFile", "does not exist");
    idp.verify(0, postRequestedFor(urlEqualTo("/token")));
  }

  @Test
  void configurationMistakes() {
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "token-exchange",
        "jwt.tokenEndpoint", tokenEndpoint())).getMessage())
        .contains("exactly one of jwt.subjectTokenFile", "jwt.subjectTokenProvider");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "token-exchange",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.subjectTokenProvider", "token-exchange")).getMessage())
        .contains("another provider");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "token-exchange",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.subjectTokenProvider", "static")).getMessage())
        .startsWith("jwt.token is required");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "token-exchange",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.subjectTokenFile", "/x", "jwt.subjectTokenType", "kerberos"))
        .getMessage()).contains("jwt.subjectTokenType must be a token type URI");
  }
}
