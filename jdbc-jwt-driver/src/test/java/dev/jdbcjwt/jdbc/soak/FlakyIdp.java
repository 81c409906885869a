package dev.jdbcjwt.jdbc.soak;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TokenEndpointTransformer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * An OAuth token endpoint (WireMock) that mints a fresh JWT for {@code subject} with the current signing key on every
 * request, and can be told to be down (HTTP 503 or reset connections) or slow. Counts what it answered.
 */
final class FlakyIdp implements AutoCloseable {

  enum Mode { HEALTHY, DOWN_503, DOWN_RESET, SLOW }

  final AtomicLong tokensIssued = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong slowAnswers = new AtomicLong();
  private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.HEALTHY);
  private final AtomicReference<TestIssuer> signer;
  private final WireMockServer server;

  FlakyIdp(TestIssuer initialSigner, String subject, Duration tokenLifetime, Duration slowDelay) {
    this.signer = new AtomicReference<>(initialSigner);
    this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal()
        .extensions(new TokenEndpointTransformer("flaky-idp", event -> answer(subject, tokenLifetime, slowDelay))));
    server.start();
    server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withTransformers("flaky-idp")));
    warmUp();
  }

  /** One request before the clients come: a cold server on a busy machine can take longer than their timeout. */
  private void warmUp() {
    try {
      java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(tokenEndpoint()))
              .timeout(Duration.ofSeconds(60)).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("the test identity provider answered " + r.statusCode());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    tokensIssued.set(0);
  }

  private ResponseDefinition answer(String subject, Duration lifetime, Duration slowDelay) {
    Mode m = mode.get();
    switch (m) {
      case DOWN_503:
        refused.incrementAndGet();
        return aResponse().withStatus(503).withBody("down for maintenance").build();
      case DOWN_RESET:
        refused.incrementAndGet();
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      default:
        String jwt = signer.get().mint(subject, lifetime);
        tokensIssued.incrementAndGet();
        var response = TokenEndpointTransformer.tokenResponse(jwt, lifetime);
        if (m == Mode.SLOW) {
          slowAnswers.incrementAndGet();
          response.withFixedDelay((int) slowDelay.toMillis());
        }
        return response.build();
    }
  }

  void mode(Mode m) {
    mode.set(m);
  }

  Mode mode() {
    return mode.get();
  }

  void signWith(TestIssuer issuer) {
    signer.set(issuer);
  }

  String tokenEndpoint() {
    return "http://127.0.0.1:" + server.port() + "/token";
  }

  @Override
  public void close() {
    server.stop();
  }
}
