package dev.jdbcjwt.jdbc.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.jdbcjwt.testing.TokenEndpointTransformer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenListener;
import dev.jdbcjwt.token.cache.TokenEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real OAuth client-credentials flow against WireMock as the identity provider, into the real PostgreSQL, with
 * 20-second tokens, for about a minute: outages shorter than the token's remaining life (HTTP 500s, reset
 * connections, answers slower than the timeout) cause no failed connection; a longer one causes 08001 errors that
 * name the identity provider's failure, and connections work again within seconds of its recovery.
 */
class IdpOutageTest {

  private static final String CLIENT_SECRET = "idp-outage-client-secret-3f9a";
  private static final String USER = "idp_outage_user";

  private record Outcome(Instant at, String sqlState, String message) {
  }

  private WireMockServer idp;
  private final PostgresServer db = PostgresServer.shared();

  @BeforeEach
  void start() {
    LeakWatch.registerSecret(CLIENT_SECRET);
    idp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .extensions(TokenEndpointTransformer.minting("minting-idp", USER, Duration.ofSeconds(20))));
    idp.start();
    healthy();
    db.createTokenUser(USER);
    TokenCaches.clear();
  }

  @AfterEach
  void stop() {
    idp.stop();
    TokenCaches.clear();
  }

  private void healthy() {
    idp.resetMappings();
    idp.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withTransformers("minting-idp")));
  }

  private void failing(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
    idp.resetMappings();
    idp.stubFor(post(urlEqualTo("/token")).willReturn(response));
  }

  private String url() {
    return "jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable"
        + "&jwt.httpTimeout=2s&jwt.clockSkew=1s&jwt.refreshAhead=60%&jwt.fetchTimeout=2s";
  }

  /** The application's options: where tokens come from. */
  private Properties clientCredentials() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("jwt.provider", "client-credentials");
    p.setProperty("jwt.tokenEndpoint", "http://127.0.0.1:" + idp.port() + "/token");
    p.setProperty("jwt.clientId", "orders");
    p.setProperty("jwt.clientSecret", CLIENT_SECRET);
    return p;
  }

  @Test
  void shortOutagesAreInvisibleAndALongOneFailsFastThenRecovers() throws Exception {
    List<Outcome> failures = new CopyOnWriteArrayList<>();
    List<Instant> successes = new CopyOnWriteArrayList<>();
    List<TokenEvent> events = new CopyOnWriteArrayList<>();
    TokenListener listener = events::add;
    TokenCaches.addListener(listener);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong connections = new AtomicLong();
    Properties props = clientCredentials();
    String url = url();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      workers.submit(() -> {
        while (!stop.get()) {
          try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute("select 1");
            connections.incrementAndGet();
            successes.add(Instant.now());
          } catch (SQLException e) {
            failures.add(new Outcome(Instant.now(), e.getSQLState(), e.getMessage()));
          }
          Thread.sleep(20);
        }
        return null;
      });
    }
    try {
      Thread.sleep(10_000);
      long requestsWhileHealthy = idp.countRequestsMatching(postRequestedFor(urlEqualTo("/token")).build())
          .getCount();
      long connectionsWhileHealthy = connections.get();

      failing(aResponse().withStatus(500).withBody("internal error"));
      Thread.sleep(3_000);
      healthy();
      Thread.sleep(5_000);
      failing(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
      Thread.sleep(3_000);
      healthy();
      Thread.sleep(5_000);
      failing(aResponse().withTransformers("minting-idp").withFixedDelay(4_000)); // slower than jwt.httpTimeout
      Thread.sleep(3_000);
      healthy();
      Thread.sleep(5_000);
      assertThat(failures).as("failed connections during short outages").isEmpty();

      failing(aResponse().withStatus(503).withBody("down for maintenance"));
      Thread.sleep(24_000); // longer than a token's life
      Instant recovered = Instant.now();
      healthy();
      Thread.sleep(8_000);
      stop.set(true);

      assertThat(failures).as("a long outage fails connections").isNotEmpty();
      assertThat(failures).allSatisfy(f -> {
        assertThat(f.sqlState()).isEqualTo("08001");
        assertThat(f.message()).startsWith("jdbc-jwt: no token could be obtained").contains("503")
            .doesNotContain(CLIENT_SECRET).doesNotContain("eyJ");
      });
      Instant lastFailure = failures.get(failures.size() - 1).at();
      assertThat(Duration.between(recovered, lastFailure)).isLessThan(Duration.ofSeconds(6));
      assertThat(successes).anySatisfy(s -> assertThat(s).isAfter(recovered.plusSeconds(1)));
      // one identity-provider request per token, however many connections
      long fetched = events.stream().filter(e -> e.type() == TokenEvent.Type.FETCHED
          || e.type() == TokenEvent.Type.REFRESHED).count();
      assertThat(fetched).isPositive();
      System.out.printf("IdP outage run: %d connections; while healthy %d connections made %d IdP requests in 10 s;"
          + " %d failed connections during the long outage; tokens fetched %d%n", connections.get(),
          connectionsWhileHealthy, requestsWhileHealthy, failures.size(), fetched);
      assertThat(requestsWhileHealthy).isBetween(1L, 3L); // 20 s tokens refreshed when 60% of 19 s remain
      assertThat(connectionsWhileHealthy).isGreaterThan(20);
    } finally {
      stop.set(true);
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
      TokenCaches.removeListener(listener);
    }
  }
}
