package dev.jdbcjwt.token.providers.cloud;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.jwt;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/** IMDS and the App Service identity endpoint, emulated on 127.0.0.1 with the request shapes Azure documents. */
class AzureManagedIdentityProviderTest {

  private static final String PATH = "/metadata/identity/oauth2/token";
  private static final String OPAQUE = "azure-opaque-token-0123456789abcdefghijklmnop";

  @RegisterExtension
  static WireMockExtension imds = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static String endpoint() {
    return imds.baseUrl() + PATH;
  }

  /** IMDS answers with expires_in and expires_on as strings. */
  private static String imdsAnswer(String token) {
    return "{\"access_token\":\"" + token + "\",\"refresh_token\":\"\",\"expires_in\":\"86399\",\"expires_on\":\""
        + NOW.plusSeconds(86399).getEpochSecond() + "\",\"not_before\":\"" + NOW.getEpochSecond() + "\","
        + "\"resource\":\"https://ossrdbms-aad.database.windows.net\",\"token_type\":\"Bearer\"}";
  }

  @Test
  void imdsRequestHasTheDocumentedShape() throws Exception {
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(imdsAnswer(OPAQUE))));

    Token token = source("jwt.provider", "azure-managed-identity", "jwt.identityEndpoint", endpoint()).fetch();

    assertThat(token.value().reveal()).isEqualTo(OPAQUE);
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(86399));
    imds.verify(getRequestedFor(urlPathEqualTo(PATH))
        .withHeader("Metadata", equalTo("true"))
        .withQueryParam("api-version", equalTo("2018-02-01"))
        .withQueryParam("resource", equalTo("https://ossrdbms-aad.database.windows.net"))
        .withQueryParam("client_id", absent())
        .withHeader("X-IDENTITY-HEADER", absent()));
  }

  @Test
  void aUserAssignedIdentityAndAnotherResource() throws Exception {
    String access = jwt("mi-object-id", NOW.plusSeconds(5000));
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(imdsAnswer(access))));

    Token token = source("jwt.provider", "azure-managed-identity", "jwt.identityEndpoint", endpoint(),
        "jwt.clientId", "1b2c3d4e-0000-1111-2222-333344445555", "jwt.resource", "https://database.windows.net/")
        .fetch();

    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(5000));
    imds.verify(getRequestedFor(urlPathEqualTo(PATH))
        .withQueryParam("client_id", equalTo("1b2c3d4e-0000-1111-2222-333344445555"))
        .withQueryParam("resource", equalTo("https://database.windows.net/")));
  }

  @Test
  void appServiceEndpointFromTheEnvironment() throws Exception {
    imds.stubFor(get(urlPathEqualTo("/msi/token")).willReturn(okJson("{\"access_token\":\"" + OPAQUE + "\","
        + "\"expires_on\":\"" + NOW.plusSeconds(3600).getEpochSecond() + "\",\"resource\":\"r\","
        + "\"token_type\":\"Bearer\",\"client_id\":\"c\"}")));
    Map<String, String> env = Map.of("IDENTITY_ENDPOINT", imds.baseUrl() + "/msi/token",
        "IDENTITY_HEADER", "identity-header-secret-value");

    Token token = source(env, "jwt.provider", "azure-managed-identity", "jwt.clientId", "c").fetch();

    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    imds.verify(getRequestedFor(urlPathEqualTo("/msi/token"))
        .withHeader("X-IDENTITY-HEADER", equalTo("identity-header-secret-value"))
        .withHeader("Metadata", absent())
        .withQueryParam("api-version", equalTo("2019-08-01"))
        .withQueryParam("resource", equalTo("https://ossrdbms-aad.database.windows.net"))
        .withQueryParam("client_id", equalTo("c")));
  }

  @Test
  void noIdentityIsUnavailableAndSaysWhatToCheck() {
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}")));

    TokenException e = failure(TokenException.Kind.UNAVAILABLE,
        () -> source("jwt.provider", "azure-managed-identity", "jwt.identityEndpoint", endpoint()).fetch());

    assertThat(e.getMessage()).contains("Azure instance metadata service " + endpoint(), "'invalid_request'",
        "Identity not found", "HTTP 400", "managed identity is assigned", "jwt.clientId", "jwt.resource");
  }

  @Test
  void failuresOfTheEndpointAreUnavailable() {
    // 30 s but for the slow answer: a loaded machine can take over a second to answer the others
    String[] options = {"jwt.provider", "azure-managed-identity", "jwt.identityEndpoint", endpoint(),
        "jwt.httpTimeout", "30s"};
    String[] impatient = {"jwt.provider", "azure-managed-identity", "jwt.identityEndpoint", endpoint(),
        "jwt.httpTimeout", "1s"};
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("internal")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch()).getMessage())
        .contains("HTTP 500", "retry later");
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(imdsAnswer(OPAQUE)).withFixedDelay(3_000)));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(impatient).fetch()).getMessage())
        .contains("did not answer within 1s");
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch());
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"access_token\":")));
    failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch());
    imds.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson("{\"x\":\"" + "y".repeat(1 << 20) + "\"}")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> source(options).fetch()).getMessage())
        .contains("more than 1024 KiB");
  }

  @Test
  void theMetadataAddressIsPlainHttpByDesignButOtherHostsAreNot() throws Exception {
    assertThat(source("jwt.provider", "azure-managed-identity").toString())
        .contains("http://169.254.169.254/metadata/identity/oauth2/token");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "azure-managed-identity",
        "jwt.identityEndpoint", "http://identity.example/token")).getMessage())
        .contains("jwt.identityEndpoint http://identity.example/token uses plain http");
  }
}
