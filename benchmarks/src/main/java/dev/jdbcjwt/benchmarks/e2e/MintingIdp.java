package dev.jdbcjwt.benchmarks.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TokenEndpointTransformer;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The identity provider: WireMock on 127.0.0.1 answering OAuth client-credentials requests with a freshly minted JWT
 * from {@link TestIssuer#shared()} (which the test databases trust). Runs in {@link ServerMain}'s JVM; the measuring
 * JVM adds a token endpoint per scenario through {@link Idp} ({@code /token/<scenario>}, with its subject and token
 * lifetime as parameters of the {@code minting} transformer), so each scenario's requests are counted apart and it gets
 * a token cache of its own.
 */
final class MintingIdp implements AutoCloseable {

  static final String CLIENT_ID = "bench";
  static final String CLIENT_SECRET = "bench-client-secret-7c1e";

  /** The {@code minting} transformer: subject and lifetime come from each stub's parameters. */
  private static TokenEndpointTransformer minting() {
    return new TokenEndpointTransformer("minting", event -> {
      Parameters p = event.getTransformerParameters();
      Duration ttl = Duration.ofSeconds(Long.parseLong(String.valueOf(p.get("ttlSeconds"))));
      String jwt = TestIssuer.shared().mint(String.valueOf(p.get("subject")), ttl);
      return TokenEndpointTransformer.tokenResponse(jwt, ttl).build();
    });
  }

  private final WireMockServer server;

  MintingIdp() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(16)
        .extensions(minting()));
    server.start();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
