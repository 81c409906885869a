package dev.jdbcjwt.benchmarks.e2e;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The measuring JVM's handle on the identity provider ({@link MintingIdp} in {@link ServerMain}'s JVM), through
 * WireMock's admin API: adds a token endpoint per scenario, counts its requests, and fetches a token for the raw
 * drivers' password.
 */
final class Idp {

  private final int port;
  private final WireMock admin;

  Idp(int port) {
    this.port = port;
    this.admin = new WireMock("127.0.0.1", port);
  }

  /** Adds {@code /token/<scenario>} minting tokens for {@code subject} that live {@code ttl}; returns its URL. */
  String endpoint(String scenario, String subject, Duration ttl) {
    admin.register(post(urlEqualTo(path(scenario))).willReturn(aResponse().withTransformers("minting")
        .withTransformerParameter("subject", subject).withTransformerParameter("ttlSeconds", ttl.toSeconds())));
    return "http://127.0.0.1:" + port + path(scenario);
  }

  /**
   * An issuer for OpenID discovery: {@code /issuer/<scenario>/.well-known/openid-configuration} names
   * {@code /token/<scenario>} (minting tokens for {@code subject} that live {@code ttl}) as its token endpoint.
   */
  String issuer(String scenario, String subject, Duration ttl) {
    String issuer = "http://127.0.0.1:" + port + "/issuer/" + scenario;
    String endpoint = endpoint(scenario, subject, ttl);
    admin.register(get(urlEqualTo("/issuer/" + scenario + "/.well-known/openid-configuration")).willReturn(
        okJson("{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + endpoint + "\"}")));
    return issuer;
  }

  /**
   * When the discovery request and then the token request of {@code scenario}'s issuer last arrived, in milliseconds
   * of the IdP's request log: their difference is the client's discovery (request, answer, the token request built).
   */
  long[] lastDiscoveryAndTokenMillis(String scenario) {
    long discovery = admin.find(getRequestedFor(urlEqualTo("/issuer/" + scenario
        + "/.well-known/openid-configuration"))).stream().mapToLong(r -> r.getLoggedDate().getTime()).max().orElse(0);
    long token = admin.find(postRequestedFor(urlEqualTo(path(scenario)))).stream()
        .mapToLong(r -> r.getLoggedDate().getTime()).max().orElse(0);
    return new long[] {discovery, token};
  }

  /** The token requests {@code /token/<scenario>} has answered so far. */
  long requests(String scenario) {
    return admin.find(postRequestedFor(urlEqualTo(path(scenario)))).size();
  }

  /** A token for {@code subject} living {@code ttl}, for the raw drivers, which send it as their password. */
  String token(String subject, Duration ttl) throws IOException, InterruptedException {
    String url = endpoint("static-" + subject, subject, ttl);
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    try {
      return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");
    } catch (ParseException e) {
      throw new IOException("the identity provider's answer is not a token response (HTTP "
          + response.statusCode() + ")", e);
    }
  }

  private static String path(String scenario) {
    return "/token/" + scenario;
  }
}
