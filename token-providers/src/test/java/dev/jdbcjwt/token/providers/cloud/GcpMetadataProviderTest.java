package dev.jdbcjwt.token.providers.cloud;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/** The GCE metadata server, emulated on 127.0.0.1 with the request shape Google documents. */
class GcpMetadataProviderTest {

  private static final String PATH = "/computeMetadata/v1/instance/service-accounts/default/token";
  private static final String OPAQUE = "ya29.c.b0Aaekm1K0123456789abcdefghijklmnopqrstuvwxyz";

  @RegisterExtension
  static WireMockExtension metadata = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static void answer(String path) {
    metadata.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withHeader("Metadata-Flavor", "Google")
        .withBody("{\"access_token\":\"" + OPAQUE + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
  }

  @Test
  void requestHasTheDocumentedShapeAndTheOpaqueTokenLivesExpiresIn() throws Exception {
    answer(PATH);

    Token token = source("jwt.provider", "gcp-metadata", "jwt.metadataEndpoint", metadata.baseUrl()).fetch();

    assertThat(token.value().reveal()).isEqualTo(OPAQUE);
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3599));
    metadata.verify(getRequestedFor(urlPathEqualTo(PATH)).withHeader("Metadata-Flavor", equalTo("Google"))
        .withQueryParam("scopes", absent()));
  }

  @Test
  void anotherServiceAccountWithScopesThroughGceMetadataHost() throws Exception {
    String path = "/computeMetadata/v1/instance/service-accounts/orders%40shop.iam.gserviceaccount.com/token";
    answer(path);
    String host = metadata.baseUrl().substring("http://".length());

    source(Map.of("GCE_METADATA_HOST", host), "jwt.provider", "gcp-metadata",
        "jwt.serviceAccount", "orders@shop.iam.gserviceaccount.com",
        "jwt.scope", "https://www.googleapis.com/auth/sqlservice.login openid").fetch();

    metadata.verify(getRequestedFor(urlPathEqualTo(path)).withHeader("Metadata-Flavor", equalTo("Google"))
        .withQueryParam("scopes", equalTo("https://www.googleapis.com/auth/sqlservice.login,openid")));
  }

  @Test
  void failuresAreUnavailableAndSayWhatToCheck() {
    // 30 s but for the slow answer: a loaded machine can take over a second to answer the others
    String[] options = {"jwt.provider", "gcp-metadata", "jwt.metadataEndpoint", metadata.baseUrl(),
        "jwt.httpTimeout", "30s"};
    String[] impatient = {"jwt.provider", "gcp-metadata", "jwt.metadataEndpoint", metadata.baseUrl(),
        "jwt.httpTimeout", "1s"};
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(404).withHeader("Content-Type",
        "text/html").withBody("Not Found")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch()).getMessage())
        .contains("GCE metadata server " + metadata.baseUrl() + PATH, "HTTP 404", "check the URL");
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(403).withBody("scopes")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch()).getMessage())
        .contains("HTTP 403", "jwt.serviceAccount", "sqlservice.login");
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
    failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch());
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("ya29.raw")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch()).getMessage())
        .contains("not with a JSON token response");
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch());
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(impatient).fetch()).getMessage())
        .contains("did not answer within 1s");
    metadata.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
        .withBody("{\"a\":\"" + "b".repeat(1 << 20) + "\"}")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch()).getMessage())
        .contains("more than 1024 KiB");
  }

  @Test
  void theMetadataServerIsPlainHttpByDesignButOtherHostsAreNot() throws Exception {
    assertThat(source("jwt.provider", "gcp-metadata").toString())
        .contains("http://metadata.google.internal" + PATH);
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "gcp-metadata",
        "jwt.metadataEndpoint", "http://metadata.example")).getMessage()).contains("uses plain http");
  }
}
