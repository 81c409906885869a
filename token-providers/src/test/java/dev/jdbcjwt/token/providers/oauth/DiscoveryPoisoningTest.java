package dev.jdbcjwt.token.providers.oauth;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.jdbcjwt.token.providers.ProviderTesting.CLOCK;
import static dev.jdbcjwt.token.providers.ProviderTesting.config;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: the discovery cache was keyed by issuer only, so a configuration with {@code jwt.allowInsecureHttp=true}
 * could fill it with an {@code http://} token endpoint that a strict configuration of the same issuer then used,
 * sending its client secret in clear. The poisoned endpoint is a non-loopback name: nothing is ever sent to it (the
 * insecure configuration only resolves it; the strict one must fail before sending).
 */
class DiscoveryPoisoningTest {

  private static final String POISON = "http://idp.example/token";

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void aStrictConfigurationNeverUsesAnHttpEndpointThatAnInsecureOneDiscovered() throws Exception {
    String issuer = idp.baseUrl() + "/realms/poisoned";
    String wellKnown = "/realms/poisoned/.well-known/openid-configuration";
    idp.stubFor(get(wellKnown).willReturn(okJson("{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + POISON
        + "\",\"jwks_uri\":\"" + issuer + "/jwks\",\"response_types_supported\":[\"code\"],"
        + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));

    OAuthClient insecure = OAuthClient.from(config("jwt.provider", "client-credentials", "jwt.issuer", issuer,
        "jwt.clientId", "lab", "jwt.clientSecret", "lab-secret", "jwt.allowInsecureHttp", "true"),
        "client-credentials", CLOCK, true, true);
    assertThat(insecure.tokenEndpoint()).isEqualTo(URI.create(POISON)); // in the cache now, for the insecure key

    TokenException e = failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.issuer", issuer, "jwt.clientId", "orders", "jwt.clientSecret", "strict-secret").fetch());

    assertThat(e.getMessage()).contains("http://idp.example/token", "plain http", "jwt.allowInsecureHttp")
        .doesNotContain("strict-secret");
    // the strict configuration discovered for itself, and refused what it found before sending anything
    idp.verify(2, getRequestedFor(urlEqualTo(wellKnown)));
    idp.verify(0, WireMock.postRequestedFor(WireMock.anyUrl()));
  }

  @Test
  void configurationsWithTheSameTrustSettingsStillShareOneLookup() throws Exception {
    String issuer = idp.baseUrl() + "/realms/shared";
    String wellKnown = "/realms/shared/.well-known/openid-configuration";
    idp.stubFor(get(wellKnown).willReturn(okJson("{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + issuer
        + "/token\"}")));
    for (String client : new String[] {"a", "b"}) {
      OAuthClient c = OAuthClient.from(config("jwt.provider", "client-credentials", "jwt.issuer", issuer,
          "jwt.clientId", client, "jwt.clientSecret", "s-" + client), "client-credentials", CLOCK, true, true);
      assertThat(c.tokenEndpoint()).isEqualTo(URI.create(issuer + "/token"));
    }
    idp.verify(1, getRequestedFor(urlEqualTo(wellKnown)));
  }
}
