package dev.jdbcjwt.token.providers.oauth;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
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

class ClientCredentialsProviderTest {

  private static final String SECRET = "s3cr3t-Value!with:colon";
  private static final String OPAQUE = "opaque-access-token-0123456789abcdefghijklmnop";

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static String tokenEndpoint() {
    return idp.baseUrl() + "/token";
  }

  private static TokenSource secretClient(String... more) throws TokenException {
    // 30 s: WireMock's answers took over 2 s on a loaded 2-core machine; the timeout test sets its own 200 ms
    String[] base = {"jwt.provider", "client-credentials", "jwt.tokenEndpoint", tokenEndpoint(),
        "jwt.clientId", "orders app", "jwt.clientSecret", SECRET, "jwt.httpTimeout", "30s"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return source(all);
  }

  private static void answer(int status, String json) {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(status)
        .withHeader("Content-Type", "application/json").withBody(json)));
  }

  private static Map<String, List<String>> form(LoggedRequest request) {
    return URLUtils.parseParameters(request.getBodyAsString());
  }

  @Test
  void clientSecretBasicSendsTheDocumentedRequestAndReadsAnOpaqueTokensLifetimeFromExpiresIn() throws Exception {
    answer(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");

    Token token = secretClient("jwt.scope", "db.read db.write", "jwt.resource", "https://db.example.com",
        "jwt.audience", "orders-db").fetch();

    assertThat(token.value().reveal()).isEqualTo(OPAQUE);
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(300));
    String basic = Base64.getEncoder().encodeToString("orders+app:s3cr3t-Value%21with%3Acolon"
        .getBytes(StandardCharsets.UTF_8));
    idp.verify(postRequestedFor(urlEqualTo("/token"))
        .withHeader("Authorization", equalTo("Basic " + basic))
        .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
        .withFormParam("grant_type", equalTo("client_credentials"))
        .withFormParam("scope", equalTo("db.read db.write"))
        .withFormParam("resource", equalTo("https://db.example.com"))
        .withFormParam("audience", equalTo("orders-db"))
        .withFormParam("client_secret", absent()));
  }

  /** The JDK's HttpURLConnection logs request headers (Basic credentials) at FINE; the transport must not. */
  @Test
  void noLogRecordAtAnyLevelCarriesTheBasicCredentials() throws Exception {
    answer(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    java.util.logging.Level level = root.getLevel();
    List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        records.add(new java.util.logging.SimpleFormatter().format(r));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    capture.setLevel(java.util.logging.Level.ALL);
    root.addHandler(capture);
    root.setLevel(java.util.logging.Level.ALL);
    try {
      secretClient().fetch();
    } finally {
      root.setLevel(level);
      root.removeHandler(capture);
    }
    String basic = Base64.getEncoder().encodeToString("orders+app:s3cr3t-Value%21with%3Acolon"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(String.join("\n", records)).doesNotContain(basic, SECRET, OPAQUE);
  }

  @Test
  void clientSecretPostPutsTheCredentialsInTheForm() throws Exception {
    answer(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"Bearer\",\"expires_in\":60}");

    secretClient("jwt.clientAuthMethod", "client_secret_post").fetch();

    idp.verify(postRequestedFor(urlEqualTo("/token"))
        .withHeader("Authorization", absent())
        .withFormParam("client_id", equalTo("orders app"))
        .withFormParam("client_secret", equalTo(SECRET))
        .withFormParam("grant_type", equalTo("client_credentials")));
  }

  @Test
  void privateKeyJwtSignsAFreshAssertionForTheTokenEndpoint() throws Exception {
    answer(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"Bearer\",\"expires_in\":60}");
    KeyPair key = TestKeys.ec("secp256r1");

    TokenSource s = source("jwt.provider", "client-credentials", "jwt.tokenEndpoint", tokenEndpoint(),
        "jwt.clientId", "orders", "jwt.clientAssertionKey", TestKeys.pkcs8Pem(key), "jwt.keyId", "orders-key-1");
    s.fetch();
    s.fetch();

    List<LoggedRequest> requests = idp.findAll(postRequestedFor(urlEqualTo("/token")));
    assertThat(requests).hasSize(2);
    Map<String, List<String>> form = form(requests.get(0));
    assertThat(form.get("client_assertion_type"))
        .containsExactly("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    assertThat(requests.get(0).getHeader("Authorization")).isNull();
    SignedJWT assertion = SignedJWT.parse(form.get("client_assertion").get(0));
    assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) key.getPublic()))).isTrue();
    assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    assertThat(assertion.getHeader().getKeyID()).isEqualTo("orders-key-1");
    assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("orders");
    assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("orders");
    assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(tokenEndpoint());
    assertThat(assertion.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
    assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(NOW);
    String secondJti = SignedJWT.parse(form(requests.get(1)).get("client_assertion").get(0)).getJWTClaimsSet()
        .getJWTID();
    assertThat(secondJti).isNotEqualTo(assertion.getJWTClaimsSet().getJWTID());
  }

  @Test
  void aJwtAccessTokenKeepsItsOwnExpiry() throws Exception {
    String access = jwt("orders", NOW.plusSeconds(900));
    answer(200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":60}");

    Token token = secretClient().fetch();

    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(900));
    assertThat(token.subject()).contains("orders");
  }

  @Test
  void theSecretMayComeFromTheEnvironment() throws Exception {
    answer(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"Bearer\",\"expires_in\":60}");

    source(Map.of("ORDERS_SECRET", "from-env"), "jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientId", "orders", "jwt.clientSecret", "env:ORDERS_SECRET",
        "jwt.clientAuthMethod", "client_secret_post").fetch();

    idp.verify(postRequestedFor(urlEqualTo("/token")).withFormParam("client_secret", equalTo("from-env")));
  }

  @Test
  void discoveryFindsTheTokenEndpointOncePerIssuer() throws Exception {
    String issuer = idp.baseUrl() + "/realms/discovery-once";
    idp.stubFor(get("/realms/discovery-once/.well-known/openid-configuration").willReturn(okJson(
        "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + tokenEndpoint() + "\","
            + "\"jwks_uri\":\"" + issuer + "/jwks\",\"response_types_supported\":[\"code\"],"
            + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}")));
    answer(200, "{\"access_token\":\"" + OPAQUE + "\",\"token_type\":\"Bearer\",\"expires_in\":60}");

    String[] options = {"jwt.provider", "client-credentials", "jwt.issuer", issuer, "jwt.clientId", "orders",
        "jwt.clientSecret", SECRET};
    source(options).fetch();
    source(options).fetch();

    idp.verify(1, getRequestedFor(urlEqualTo("/realms/discovery-once/.well-known/openid-configuration")));
    idp.verify(2, postRequestedFor(urlEqualTo("/token")));
  }

  @Test
  void discoveryNamingAnotherIssuerIsAConfigurationError() throws Exception {
    String issuer = idp.baseUrl() + "/realms/mismatch";
    idp.stubFor(get("/realms/mismatch/.well-known/openid-configuration").willReturn(okJson(
        "{\"issuer\":\"https://elsewhere.example/realms/mismatch\",\"token_endpoint\":\"" + tokenEndpoint() + "\"}")));

    TokenException e = failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.issuer", issuer, "jwt.clientId", "orders", "jwt.clientSecret", SECRET).fetch());
    assertThat(e.getMessage()).contains("jwt.issuer", "https://elsewhere.example/realms/mismatch");
  }

  @Test
  void discoveryThatFailsNamesTheWellKnownUrl() throws Exception {
    String issuer = idp.baseUrl() + "/realms/missing";
    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "client-credentials",
        "jwt.issuer", issuer, "jwt.clientId", "orders", "jwt.clientSecret", SECRET).fetch());
    assertThat(e.getMessage()).contains(issuer + "/.well-known/openid-configuration", "HTTP 404", "jwt.issuer");
  }

  @Test
  void invalidClientIsARefusalThatNamesTheEndpointTheErrorAndWhatToCheck() {
    answer(401, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client "
        + "credentials\"}");

    TokenException e = failure(TokenException.Kind.REFUSED, () -> secretClient().fetch());

    assertThat(e.getMessage())
        .contains("token endpoint " + tokenEndpoint(), "'invalid_client'", "Invalid client or Invalid client "
            + "credentials", "HTTP 401", "jwt.clientId", "jwt.clientSecret")
        .doesNotContain(SECRET);
  }

  @Test
  void invalidGrantAndUnauthorizedClientAreRefusals() {
    answer(400, "{\"error\":\"unauthorized_client\",\"error_description\":\"grant not allowed\"}");
    TokenException e = failure(TokenException.Kind.REFUSED, () -> secretClient().fetch());
    assertThat(e.getMessage()).contains("'unauthorized_client'", "orders app");

    answer(400, "{\"error\":\"invalid_grant\"}");
    failure(TokenException.Kind.REFUSED, () -> secretClient().fetch());
  }

  @Test
  void invalidScopeIsUnavailableAndPointsAtTheScopeOption() {
    answer(400, "{\"error\":\"invalid_scope\",\"error_description\":\"Invalid scopes: db.admin\"}");

    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> secretClient("jwt.scope", "db.admin").fetch());

    assertThat(e.getMessage()).contains("'invalid_scope'", "Invalid scopes: db.admin", "check jwt.scope");
  }

  @Test
  void invalidRequestAndInvalidTargetAreUnavailable() {
    answer(400, "{\"error\":\"invalid_target\",\"error_description\":\"unknown resource\"}");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("jwt.resource");
    answer(400, "{\"error\":\"invalid_request\"}");
    failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch());
  }

  @Test
  void serverErrorsAreUnavailable() {
    answer(500, "{\"error\":\"server_error\",\"error_description\":\"database down\"}");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("'server_error'", "database down", "HTTP 500", "retry later");

    idp.stubFor(post("/token").willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
        .withBody("<html><body>Service Unavailable</body></html>")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("HTTP 503", "without an OAuth error", "text/html", "retry later");
  }

  @Test
  void aBodyThatIsNotJsonIsUnavailable() {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
        .withBody("<html>login page</html>")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("not with a JSON token response", "text/html", "check that the URL is the token endpoint");

    answer(200, "{\"access_token\": ");
    failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch());
  }

  @Test
  void jsonWithoutAnAccessTokenIsUnavailable() {
    answer(200, "{\"token_type\":\"Bearer\",\"expires_in\":60}");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("not a token response", "access_token");
  }

  @Test
  void aSlowIdentityProviderTimesOut() {
    idp.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"x\",\"token_type\":\"Bearer\"}")
        .withFixedDelay(3_000)));

    TokenException e = failure(TokenException.Kind.UNAVAILABLE,
        () -> secretClient("jwt.httpTimeout", "200ms").fetch());

    assertThat(e.getMessage()).contains("did not answer within 200ms", "jwt.httpTimeout");
  }

  @Test
  void resetAndBrokenConnectionsAreUnavailable() {
    for (Fault fault : List.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.RANDOM_DATA_THEN_CLOSE)) {
      idp.stubFor(post("/token").willReturn(aResponse().withFault(fault)));
      assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
          .as(fault.name()).contains(tokenEndpoint());
    }
  }

  @Test
  void anOversizedBodyIsRefusedWithoutReadingItAll() {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("more than 1024 KiB");

    idp.stubFor(post("/token").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}").withChunkedDribbleDelay(4, 10)));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("more than 1024 KiB");
  }

  @Test
  void redirectsAreNotFollowed() {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(302).withHeader("Location", "https://evil.example/")));
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> secretClient().fetch()).getMessage())
        .contains("redirect", "HTTP 302");
  }

  @Test
  void anUnreachableEndpointIsUnavailable() {
    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", "http://127.0.0.1:1/token", "jwt.clientId", "orders", "jwt.clientSecret", SECRET)
        .fetch());
    assertThat(e.getMessage()).contains("cannot connect to token endpoint http://127.0.0.1:1/token");
  }

  @Test
  void plainHttpBeyondLoopbackNeedsAllowInsecureHttp() throws Exception {
    TokenException e = failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", "http://idp.example/token", "jwt.clientId", "orders", "jwt.clientSecret", SECRET));
    assertThat(e.getMessage()).contains("jwt.tokenEndpoint http://idp.example/token uses plain http",
        "jwt.allowInsecureHttp=true");
    failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.issuer", "http://idp.example/realms/x", "jwt.clientId", "orders", "jwt.clientSecret", SECRET));

    assertThat(source("jwt.provider", "client-credentials", "jwt.tokenEndpoint", "http://idp.example/token",
        "jwt.clientId", "orders", "jwt.clientSecret", SECRET, "jwt.allowInsecureHttp", "true")).isNotNull();
    assertThat(source("jwt.provider", "client-credentials", "jwt.tokenEndpoint", "http://localhost:8080/token",
        "jwt.clientId", "orders", "jwt.clientSecret", SECRET)).isNotNull();
  }

  @Test
  void configurationMistakesAreReportedAtCreation() {
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.clientId", "orders", "jwt.clientSecret", SECRET)).getMessage())
        .contains("jwt.tokenEndpoint or jwt.issuer");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientSecret", SECRET)).getMessage())
        .startsWith("jwt.clientId is required by jwt.provider=client-credentials");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientId", "orders")).getMessage())
        .contains("jwt.clientSecret or jwt.clientAssertionKey");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientId", "orders", "jwt.clientSecret", SECRET,
        "jwt.clientAssertionKey", TestKeys.pkcs8Pem(TestKeys.rsa()))).getMessage())
        .contains("both set").doesNotContain(SECRET);
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientId", "orders", "jwt.clientAuthMethod", "private_key_jwt",
        "jwt.clientAssertionKey", "not a key")).getMessage())
        .startsWith("jwt.clientAssertionKey is neither a PEM private key");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", "idp.example/token", "jwt.clientId", "orders", "jwt.clientSecret", SECRET))
        .getMessage()).contains("jwt.tokenEndpoint must be an absolute https:// URL");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientId", "orders", "jwt.clientSecret", SECRET,
        "jwt.resource", "db")).getMessage()).contains("jwt.resource must be absolute URIs");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", tokenEndpoint(), "jwt.clientId", "orders", "jwt.clientSecret", SECRET,
        "jwt.httpTimeout", "0s")).getMessage()).contains("jwt.httpTimeout must be more than 0");
  }
}
