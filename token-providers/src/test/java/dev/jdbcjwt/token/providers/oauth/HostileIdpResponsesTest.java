package dev.jdbcjwt.token.providers.oauth;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.cache.Scheduler;
import dev.jdbcjwt.token.cache.SharedScheduler;
import dev.jdbcjwt.token.cache.TokenCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.jdbcjwt.token.providers.ProviderTesting.CLOCK;
import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.jwt;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the library does when an identity provider (token endpoint, OpenID discovery, cloud metadata service) answers
 * with something broken or hostile: each case ends in a token with a stated lifetime or in a {@link TokenException}
 * whose one-line message names the endpoint and what to check, never an unchecked exception, a hang or unbounded
 * memory, and never the token or the client secret. The behaviours are listed in docs/security.md ("Hostile
 * identity-provider responses").
 */
class HostileIdpResponsesTest {

  private static final String SECRET = "hostile-client-s3cret-value";
  private static final String OPAQUE = "opaque-hostile-access-token-0123456789abcdef";
  private static final String NESTED = "[".repeat(100_000);
  private static final String AZURE_PATH = "/metadata/identity/oauth2/token";
  /** {@code Token.LATEST_EXPIRY}: where a lifetime reaching further ends. */
  private static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");
  private static final String GCP_PATH = "/computeMetadata/v1/instance/service-accounts/default/token";

  @RegisterExtension
  static WireMockExtension idp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static RawHttpServer raw;

  @BeforeAll
  static void startRawServer() throws IOException {
    raw = new RawHttpServer();
  }

  @AfterAll
  static void stopRawServer() throws IOException {
    raw.close();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // helpers

  private static String tokenEndpoint() {
    return idp.baseUrl() + "/token";
  }

  private static TokenSource clientOf(String endpoint, String... more) throws TokenException {
    List<String> options = new ArrayList<>(List.of("jwt.provider", "client-credentials", "jwt.tokenEndpoint", endpoint,
        "jwt.clientId", "orders", "jwt.clientSecret", SECRET, "jwt.httpTimeout", "30s"));
    options.addAll(List.of(more));
    return source(options.toArray(String[]::new));
  }

  private static TokenSource client(String... more) throws TokenException {
    return clientOf(tokenEndpoint(), more);
  }

  private static void answer(int status, String contentType, String body) {
    idp.stubFor(post("/token").willReturn(aResponse().withStatus(status).withHeader("Content-Type", contentType)
        .withBody(body)));
  }

  private static void answerJson(String body) {
    answer(200, "application/json", body);
  }

  private static String tokenResponse(String accessToken, String extraMembers) {
    return "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"" + extraMembers + "}";
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A JWT with the given header and payload JSON and signature part, as an identity provider might send it. */
  private static String rawJwt(String header, String payload, String signature) {
    return b64(header) + "." + b64(payload) + "." + signature;
  }

  /** A failure of {@code kind} whose message is one line and carries neither the secret nor {@code token}. */
  private static TokenException clean(TokenException.Kind kind, String token,
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    TokenException e = failure(kind, call);
    assertThat(e.getMessage()).doesNotContain("\n", SECRET).doesNotContain(token);
    return e;
  }

  private static TokenException clean(TokenException.Kind kind,
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return clean(kind, OPAQUE, call);
  }

  /** A cache on the fixed clock whose refresh timers are only recorded, never run. */
  private static TokenCache cache(TokenSource source, List<Duration> timers) {
    Scheduler recording = (task, delay) -> {
      timers.add(delay);
      return () -> timers.remove(delay);
    };
    return TokenCache.builder(source).label("hostile").clock(CLOCK).scheduler(recording).executor(Runnable::run)
        .build();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 1. huge bodies: bounded read (HttpSettings.DEFAULT_MAX_RESPONSE_BYTES, 1 MiB)

  @Test
  void aFiftyMegabyteContentLengthIsRefusedWithoutWaitingForTheBody() throws Exception {
    raw.answer((in, out, written) -> {
      RawHttpServer.writeAscii(out, written, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Content-Length: 52428800\r\n\r\n{\"access_token\":\"");
      out.flush();
      in.read(); // the rest never comes: wait for the client to hang up (or the 30 s socket timeout)
    });

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> clientOf(raw.url("/token"),
        "jwt.httpTimeout", "30s").fetch());

    // not "did not answer within": the declared length alone ends the exchange
    assertThat(e.getMessage()).contains("token endpoint " + raw.url("/token"), "answered with more than 1024 KiB",
        "check that the URL is the right endpoint");
  }

  @Test
  void anEndlessChunkedBodyIsCutOffAtTheLimit() throws Exception {
    byte[] chunk = ("8000\r\n" + "x".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    raw.answer((in, out, written) -> {
      RawHttpServer.writeAscii(out, written, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      while (true) { // until the client hangs up
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
    });

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> clientOf(raw.url("/token"),
        "jwt.httpTimeout", "30s").fetch());

    assertThat(e.getMessage()).contains("answered with more than 1024 KiB");
    assertThat(raw.awaitHandled(20)).as("the client hung up").isTrue();
    // what the client read is capped at 1 MiB; the rest is at most what socket buffers took in before the hang-up
    assertThat(raw.written.get()).isLessThan(64L << 20);
  }

  @Test
  void aBodyThatNeverEndsEndsAtTheDeadlineOfTwiceTheHttpTimeout() throws Exception {
    raw.answer((in, out, written) -> {
      RawHttpServer.writeAscii(out, written, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{");
      for (int i = 0; i < 400; i++) { // one byte every 50 ms, well under the size limit
        out.flush();
        Thread.sleep(50);
        RawHttpServer.writeAscii(out, written, " ");
      }
    });

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> clientOf(raw.url("/token"),
        "jwt.httpTimeout", "300ms").fetch());

    assertThat(e.getMessage()).contains("did not answer within 300ms", "jwt.httpTimeout");
  }

  @Test
  void anOversizedDiscoveryDocumentIsRefused() {
    String issuer = idp.baseUrl() + "/realms/huge-discovery";
    idp.stubFor(get("/realms/huge-discovery/.well-known/openid-configuration").willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"issuer\":\"" + issuer + "\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}")));

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "client-credentials",
        "jwt.issuer", issuer, "jwt.clientId", "orders", "jwt.clientSecret", SECRET).fetch());

    assertThat(e.getMessage()).contains("OpenID discovery " + issuer + "/.well-known/openid-configuration",
        "more than 1024 KiB");
  }

  @Test
  void oversizedAnswersOfCloudMetadataServicesAreRefused() {
    String pad = "{\"pad\":\"" + "x".repeat(2 << 20) + "\"}";
    idp.stubFor(get(urlPathEqualTo(AZURE_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(pad)));
    idp.stubFor(get(urlPathEqualTo(GCP_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(pad).withChunkedDribbleDelay(8, 20)));

    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "azure-managed-identity",
        "jwt.identityEndpoint", idp.baseUrl() + AZURE_PATH).fetch()).getMessage())
        .contains("Azure instance metadata service", "more than 1024 KiB");
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "gcp-metadata",
        "jwt.metadataEndpoint", idp.baseUrl()).fetch()).getMessage())
        .contains("GCE metadata server", "more than 1024 KiB");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 2. broken JSON: deeply nested, invalid, not an object

  @Test
  void deeplyNestedJsonIsNotATokenResponse() {
    answerJson(NESTED);
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("answered HTTP 200 but not with a JSON token response", "100000 characters");

    // well-formed, but nested past the parser's depth limit inside an otherwise valid token response
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":300,\"x\":" + NESTED + "]".repeat(100_000)));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("not with a JSON token response");

    // and as an error answer
    answer(400, "application/json", "{\"error\":" + NESTED);
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("HTTP 400 without an OAuth error");
  }

  /**
   * json-smart reads a long integer into a BigInteger in quadratic time: a million digits (within the 1 MiB limit)
   * took half a minute of CPU. Numbers longer than 100 characters are refused before parsing; long digit runs inside
   * strings are fine.
   */
  @Test
  void aNumberOfAMillionDigitsIsRefusedBeforeParsing() throws Exception {
    String million = "9".repeat(1_000_000);
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":" + million));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("not with a JSON token response");

    String issuer = idp.baseUrl() + "/realms/long-number";
    idp.stubFor(get("/realms/long-number/.well-known/openid-configuration").willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + tokenEndpoint() + "\",\"n\":-"
            + million + "}")));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "client-credentials",
        "jwt.issuer", issuer, "jwt.clientId", "orders", "jwt.clientSecret", SECRET).fetch()).getMessage())
        .contains("did not answer with OpenID provider metadata", "more than 100 characters");

    String digits = "1234567890".repeat(500); // an opaque token of 5,000 digits is text, not a number
    answerJson(tokenResponse(digits, ",\"expires_in\":300"));
    assertThat(client().fetch().value().reveal()).isEqualTo(digits);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[{\"access_token\":\"opaque-hostile-access-token-0123456789abcdef\"}]",
      "\"opaque-hostile-access-token-0123456789abcdef\"", "42", "null", "true", "{\"access_token\":",
      "{\"access_token\":\"x\",}", "{\"a\":1} {\"b\":2}", "\u0000\u0001\u0002", " "})
  void jsonThatIsNotAnObjectOrNotJsonIsNotATokenResponse(String body) {
    answerJson(body);
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("token endpoint " + tokenEndpoint(), "not with a JSON token response",
            "check that the URL is the token endpoint");
  }

  @Test
  void aDiscoveryDocumentThatIsNotAJsonObjectIsUnavailable() {
    String[] bodies = {NESTED, "[\"https://idp/token\"]", "\"https://idp/token\"", "<html>login</html>", ""};
    for (int i = 0; i < bodies.length; i++) {
      String issuer = idp.baseUrl() + "/realms/broken-" + i;
      idp.stubFor(get("/realms/broken-" + i + "/.well-known/openid-configuration").willReturn(aResponse()
          .withStatus(200).withHeader("Content-Type", i == 3 ? "text/html" : "application/json").withBody(bodies[i])));

      TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "client-credentials",
          "jwt.issuer", issuer, "jwt.clientId", "orders", "jwt.clientSecret", SECRET).fetch());

      assertThat(e.getMessage()).as("body %d", i).contains("did not answer with OpenID provider metadata",
          "check jwt.issuer");
    }
  }

  @Test
  void anAccessTokenWhosePayloadIsDeeplyNestedIsReadAsOpaqueWhenExpiresInIsGiven() throws Exception {
    String deep = rawJwt("{\"alg\":\"RS256\"}", "{\"exp\":1900000000,\"x\":" + "[".repeat(5_000)
        + "]".repeat(5_000) + "}", "c2lnbmF0dXJl");

    answerJson(tokenResponse(deep, ",\"expires_in\":300"));
    Token token = client().fetch();
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(300));
    assertThat(token.claims()).isEmpty();

    answerJson(tokenResponse(deep, ""));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, deep, () -> client().fetch()).getMessage())
        .contains("lifetime is unknown", "not a well-formed JWT", "expires_in");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 3. wrong content types with status 200

  @Test
  void aProxyLoginPageWithStatus200IsUnavailableAndPointsAtTheProxy() {
    answer(200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body><form action=\"/login\">"
        + "<input name=\"password\" type=\"password\"></form></body></html>");

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch());

    assertThat(e.getMessage()).contains("answered HTTP 200 but not with a JSON token response", "text/html",
        "check that the URL is the token endpoint", "proxy");
  }

  @Test
  void anXmlAnswerWithStatus200IsUnavailable() {
    answer(200, "application/xml", "<?xml version=\"1.0\"?><token><access_token>" + OPAQUE
        + "</access_token></token>");

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch());

    assertThat(e.getMessage()).contains("not with a JSON token response", "application/xml")
        .doesNotContain("proxy");
  }

  /** The body decides, not the Content-Type: some identity providers label JSON as text/plain. */
  @Test
  void aJsonTokenResponseUnderAnotherContentTypeIsAccepted() throws Exception {
    answer(200, "text/plain", tokenResponse(OPAQUE, ",\"expires_in\":300"));
    assertThat(client().fetch().expiresAt()).isEqualTo(NOW.plusSeconds(300));
  }

  @Test
  void cloudMetadataServicesAnsweringHtmlAreUnavailable() {
    String page = "<html><body>Captive portal: please sign in</body></html>";
    idp.stubFor(get(urlPathEqualTo(AZURE_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withBody(page)));
    idp.stubFor(get(urlPathEqualTo(GCP_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/xml").withBody("<token/>")));

    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "azure-managed-identity",
        "jwt.identityEndpoint", idp.baseUrl() + AZURE_PATH).fetch()).getMessage())
        .contains("Azure instance metadata service", "not with a JSON token response", "text/html", "proxy");
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> source("jwt.provider", "gcp-metadata",
        "jwt.metadataEndpoint", idp.baseUrl()).fetch()).getMessage())
        .contains("GCE metadata server", "not with a JSON token response", "application/xml");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 4. unsigned access tokens (alg none) are refused

  @Test
  void anUnsignedJwtAccessTokenIsRefused() {
    long exp = NOW.plusSeconds(900).getEpochSecond();
    String unsigned = rawJwt("{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"sub\":\"orders\",\"exp\":" + exp + "}", "");
    answerJson(tokenResponse(unsigned, ",\"expires_in\":900"));

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, unsigned, () -> client().fetch());

    assertThat(e.getMessage()).contains("token endpoint " + tokenEndpoint(), "unsigned access token",
        "alg 'none'", "sign its access tokens");
  }

  /** "None" with a signature part parses as a JWS to nimbus; a careless validator might still skip the check. */
  @ParameterizedTest
  @ValueSource(strings = {"None", "NONE", "nOnE"})
  void noneInAnyLetterCaseAndWithASignaturePartIsRefusedToo(String alg) {
    String unsigned = rawJwt("{\"alg\":\"" + alg + "\"}", "{\"exp\":" + NOW.plusSeconds(900).getEpochSecond() + "}",
        "c2lnbmF0dXJl");
    answerJson(tokenResponse(unsigned, ",\"expires_in\":900"));

    assertThat(clean(TokenException.Kind.UNAVAILABLE, unsigned, () -> client().fetch()).getMessage())
        .contains("unsigned access token");
  }

  @Test
  void anUnsignedTokenIsNotServedByTheCache() {
    String unsigned = rawJwt("{\"alg\":\"none\"}", "{\"exp\":" + NOW.plusSeconds(900).getEpochSecond() + "}", "");
    answerJson(tokenResponse(unsigned, ",\"expires_in\":900"));
    List<Duration> timers = new ArrayList<>();

    TokenCache cache = cache(uncheckedClient(), timers);

    clean(TokenException.Kind.UNAVAILABLE, unsigned, cache::fetch);
    assertThat(cache.current()).isEmpty();
    assertThat(cache.lastError()).hasValueSatisfying(err -> assertThat(err.getMessage()).contains("unsigned"));
  }

  private static TokenSource uncheckedClient() {
    try {
      return client();
    } catch (TokenException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 5. a token that has already expired when it arrives

  @Test
  void aJwtThatExpiredBeforeItArrivedIsUnavailableAndNamesItsExpiry() {
    String expired = jwt("orders", NOW.minusSeconds(90));
    answerJson(tokenResponse(expired, ",\"expires_in\":300"));

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, expired, () -> client().fetch());

    assertThat(e.getMessage()).contains("token endpoint " + tokenEndpoint(),
        "already expired at " + NOW.minusSeconds(90), "by its exp claim", "1m30s before this machine's clock",
        "check the clocks");
  }

  @Test
  void anExpiresOnInThePastIsAnExpiredTokenNotAnUnknownLifetime() {
    // before: an expires_on in the past was ignored, and the opaque token was kept as one that never expires
    answerJson(tokenResponse(OPAQUE, ",\"expires_on\":\"" + NOW.minusSeconds(5).getEpochSecond() + "\""));

    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("already expired at " + NOW.minusSeconds(5), "expires_on=" + NOW.minusSeconds(5).getEpochSecond());
  }

  @Test
  void theCacheNeverServesATokenThatHasExpiredOrWillWithinTheSkew() {
    List<Duration> timers = new ArrayList<>();
    // a source that hands out whatever it got, unchecked: the cache must still refuse it
    Token[] next = {Token.opaque(dev.jdbcjwt.token.Secret.of(OPAQUE), NOW.minusSeconds(600), Duration.ofMinutes(5))};
    TokenCache cache = cache(() -> next[0], timers);

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, cache::fetch);
    assertThat(e.getMessage()).contains("already expired at " + NOW.minusSeconds(300));
    assertThat(cache.current()).isEmpty();

    next[0] = Token.opaque(dev.jdbcjwt.token.Secret.of(OPAQUE), NOW, Duration.ofSeconds(10));
    // the failed attempt put the source into backoff; a new cache asks at once
    TokenCache second = cache(() -> next[0], timers);
    assertThat(clean(TokenException.Kind.UNAVAILABLE, second::fetch).getMessage())
        .contains("within jwt.clockSkew=30s");
    assertThat(second.current()).isEmpty();
  }

  @Test
  void anExpiredAnswerThroughTheCacheLeavesNothingToServe() {
    answerJson(tokenResponse(jwt("orders", NOW.minusSeconds(1)), ""));
    TokenCache cache = cache(uncheckedClient(), new ArrayList<>());

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, cache::fetch);

    assertThat(e.getMessage()).contains("already expired at " + NOW.minusSeconds(1));
    assertThat(cache.current()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 6. exp far in the future, beyond the 64-bit range, or not a number

  @Test
  void anExpInTheYear9999IsTakenAsIsAndTheCacheSchedulesItsRefreshWithoutOverflow() throws Exception {
    String longLived = rawJwt("{\"alg\":\"RS256\",\"kid\":\"k\"}", "{\"sub\":\"orders\",\"exp\":253402300799}",
        "c2lnbmF0dXJl");
    answerJson(tokenResponse(longLived, ",\"expires_in\":300"));

    assertThat(client().fetch().expiresAt()).isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));

    // the JVM-wide scheduler: a refresh due in ~6000 years exceeds Duration.toNanos() (292 years); it used to throw
    // ArithmeticException out of fetch()
    try (TokenCache cache = TokenCache.builder(client()).label("year-9999").clock(CLOCK)
        .scheduler(SharedScheduler.scheduler()).executor(Runnable::run).build()) {
      Token token = cache.fetch();
      assertThat(token.expiresAt()).isEqualTo(LATEST_EXPIRY);
      assertThat(cache.current()).containsSame(token);
      assertThat(cache.fetch()).isSameAs(token);
    }
    idp.verify(2, postRequestedFor(urlEqualTo("/token")));
  }

  /**
   * nimbus turns exp into milliseconds in a long, so 1e30 or Long.MAX_VALUE became 1969-12-31T23:59:59Z and the
   * token was refused as expired; now they count as the latest expiry.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1e30", "99999999999999999999999", "9223372036854775807", "9223372036854776",
      "18446744073709551916", "253402300800"})
  void anExpBeyondTheYear9999EndsThen(String exp) throws Exception {
    String token = rawJwt("{\"alg\":\"RS256\"}", "{\"sub\":\"orders\",\"exp\":" + exp + "}", "c2lnbmF0dXJl");
    answerJson(tokenResponse(token, ""));

    Token t = client().fetch();

    assertThat(t.expiresAt()).isEqualTo(LATEST_EXPIRY);
    assertThat(t.isExpired(NOW, Duration.ofSeconds(30))).isFalse();
  }

  @Test
  void aFractionalExpIsCutToTheWholeSecond() throws Exception {
    long exp = NOW.plusSeconds(600).getEpochSecond();
    answerJson(tokenResponse(rawJwt("{\"alg\":\"RS256\"}", "{\"exp\":" + exp + ".9}", "c2ln"), ""));
    assertThat(client().fetch().expiresAt()).isEqualTo(NOW.plusSeconds(600));
  }

  @Test
  void anExpThatIsNotANumberIsAnUnknownLifetimeUnlessExpiresInIsGiven() throws Exception {
    String stringExp = rawJwt("{\"alg\":\"RS256\"}", "{\"exp\":\"" + NOW.plusSeconds(600).getEpochSecond() + "\"}",
        "c2ln");
    answerJson(tokenResponse(stringExp, ""));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, stringExp, () -> client().fetch()).getMessage())
        .contains("'exp' claim is not a number of seconds since 1970 (it is a JSON string)", "expires_in");

    answerJson(tokenResponse(stringExp, ",\"expires_in\":120"));
    Token token = client().fetch();
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(120));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 7. no exp and no expires_in

  @Test
  void aJwtWithoutExpAndWithoutExpiresInIsUnavailable() {
    String noExp = jwtWithoutExp();
    answerJson(tokenResponse(noExp, ""));

    TokenException e = clean(TokenException.Kind.UNAVAILABLE, noExp, () -> client().fetch());

    assertThat(e.getMessage()).contains("token endpoint " + tokenEndpoint(), "lifetime is unknown", "no 'exp' claim",
        "gave no expires_in", "configure the identity provider");
  }

  @Test
  void aJwtWithoutExpTakesExpiresIn() throws Exception {
    answerJson(tokenResponse(jwtWithoutExp(), ",\"expires_in\":240"));
    assertThat(client().fetch().expiresAt()).isEqualTo(NOW.plusSeconds(240));
  }

  /**
   * An opaque token without expires_in has an unknown lifetime: the cache serves it without a refresh timer until the
   * database refuses it (the driver then invalidates it and fetches a new one).
   */
  @Test
  void anOpaqueTokenWithoutExpiresInIsServedUntilInvalidated() throws Exception {
    answerJson(tokenResponse(OPAQUE, ""));
    List<Duration> timers = new ArrayList<>();
    TokenCache cache = cache(client(), timers);

    Token token = cache.fetch();

    assertThat(token.hasKnownExpiry()).isFalse();
    assertThat(timers).as("no refresh timer").isEmpty();
    assertThat(cache.fetch()).isSameAs(token);
    idp.verify(1, postRequestedFor(urlEqualTo("/token")));

    assertThat(cache.invalidate(token)).isTrue();
    assertThat(cache.fetch()).isNotSameAs(token);
    idp.verify(2, postRequestedFor(urlEqualTo("/token")));
  }

  private static String jwtWithoutExp() {
    return rawJwt("{\"alg\":\"RS256\",\"kid\":\"k\"}", "{\"sub\":\"orders\",\"iat\":" + NOW.getEpochSecond() + "}",
        "c2lnbmF0dXJl");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 8. expires_in negative, zero, not a number, huge

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-300", "-1e30", "\"-5\"", "-0.5"})
  void aNegativeExpiresInIsNotATokenResponse(String expiresIn) {
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":" + expiresIn));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("not a token response", "expires_in");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"soon\"", "true", "{}", "[300]", "\"99999999999999999999\""})
  void aNonNumericExpiresInIsNotATokenResponse(String expiresIn) {
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":" + expiresIn));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("not a token response", "expires_in");
  }

  /** RFC 6749: the lifetime in seconds; 0 means the token expires as it is issued (nimbus reads 0 as "not given"). */
  @Test
  void aZeroExpiresInIsAnExpiredOpaqueToken() throws Exception {
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":0"));
    assertThat(clean(TokenException.Kind.UNAVAILABLE, () -> client().fetch()).getMessage())
        .contains("already expired at " + NOW, "by expires_in=0");

    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":\"0\""));
    failure(TokenException.Kind.UNAVAILABLE, () -> client().fetch());

    // a JWT's own exp wins over expires_in, as always
    answerJson(tokenResponse(jwt("orders", NOW.plusSeconds(600)), ",\"expires_in\":0"));
    assertThat(client().fetch().expiresAt()).isEqualTo(NOW.plusSeconds(600));
  }

  @Test
  void numericStringsAndFractionsAreReadAsWholeSeconds() throws Exception {
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":\"300\""));
    assertThat(client().fetch().expiresAt()).isEqualTo(NOW.plusSeconds(300));

    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":299.9"));
    assertThat(client().fetch().expiresAt()).isEqualTo(NOW.plusSeconds(299));
  }

  /**
   * A huge expires_in used to end in an unchecked DateTimeException (Instant overflow) or, beyond 64 bits, to wrap
   * (2^64 + 300 became 300 s); now the lifetime ends at the latest expiry.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1e30", "9223372036854775807", "99999999999999999999999", "18446744073709551916",
      "\"9223372036854775807\"", "315537897600", "1e999999999", "1E+400"})
  void aHugeExpiresInEndsAtTheLatestExpiry(String expiresIn) throws Exception {
    answerJson(tokenResponse(OPAQUE, ",\"expires_in\":" + expiresIn));

    Token token = client().fetch();

    assertThat(token.expiresAt()).isEqualTo(LATEST_EXPIRY);
    List<Duration> timers = new ArrayList<>();
    assertThat(cache(client(), timers).fetch().expiresAt()).isEqualTo(LATEST_EXPIRY);
    assertThat(timers).singleElement().satisfies(d -> assertThat(d).isPositive());
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"9223372036854775807\"", "\"1e999999999\"", "99999999999999999999999"})
  void aHugeExpiresOnEndsAtTheLatestExpiry(String expiresOn) throws Exception {
    answerJson(tokenResponse(OPAQUE, ",\"expires_on\":" + expiresOn));
    assertThat(client().fetch().expiresAt()).isEqualTo(LATEST_EXPIRY);
  }

  // ---------------------------------------------------------------------------------------------------------------

  /**
   * An HTTP server on 127.0.0.1 for answers WireMock cannot give: an endless chunked body, a body that never ends, a
   * Content-Length it never honours. One daemon thread per connection; counts what it wrote; a handler ends when the
   * client hangs up (a write or read fails), when it returns, or after 30 s without a read.
   */
  static final class RawHttpServer implements AutoCloseable {

    /** Writes one answer. */
    @FunctionalInterface
    interface Answer {
      void write(InputStream in, OutputStream out, AtomicLong written) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private volatile Answer answer = (in, out, written) -> { };
    private volatile CountDownLatch handled = new CountDownLatch(1);
    final AtomicLong written = new AtomicLong();

    RawHttpServer() throws IOException {
      server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::serve, "raw-http-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** Sets the next answer and resets the counters. */
    void answer(Answer next) {
      written.set(0);
      handled = new CountDownLatch(1);
      answer = next;
    }

    /** Waits until the handler of the last connection has ended. */
    boolean awaitHandled(long seconds) throws InterruptedException {
      return handled.await(seconds, TimeUnit.SECONDS);
    }

    private void serve() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread handler = new Thread(() -> handle(socket), "raw-http-handler");
          handler.setDaemon(true);
          handler.start();
        } catch (IOException e) {
          return; // closed
        }
      }
    }

    private void handle(Socket socket) {
      CountDownLatch done = handled;
      try (socket) {
        socket.setSoTimeout(30_000);
        readRequest(socket.getInputStream());
        answer.write(socket.getInputStream(), socket.getOutputStream(), written);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // the client hung up, or went away before its request
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done.countDown();
      }
    }

    /** Reads the request line, headers and a Content-Length body, so the client sees no reset while sending. */
    private static void readRequest(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        head.append((char) c);
        if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
          break;
        }
      }
      long length = 0;
      for (String line : head.toString().split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Long.parseLong(line.substring("content-length:".length()).strip());
        }
      }
      in.readNBytes((int) Math.min(length, 1 << 20));
    }

    static void writeAscii(OutputStream out, AtomicLong written, String text) throws IOException {
      byte[] b = text.getBytes(StandardCharsets.US_ASCII);
      out.write(b);
      written.addAndGet(b.length);
    }

    @Override
    public void close() throws IOException {
      server.close();
      acceptor.interrupt();
    }
  }
}
