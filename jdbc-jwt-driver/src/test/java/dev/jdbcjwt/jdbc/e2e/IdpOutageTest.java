package dev.jdbcjwt.jdbc.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.jdbcjwt.jdbc.TimedDriver;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TokenEndpointTransformer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real OAuth client-credentials flow against WireMock as the identity provider, into the real PostgreSQL, with
 * 20-second tokens, over about a minute of the driver's fake clock ({@link TimedDriver}; the identity provider mints
 * its tokens on the same clock, the database checks them on the real one): outages shorter than the token's remaining
 * life (HTTP 500s, reset connections, answers slower than the timeout) cause no failed connection; a longer one causes
 * 08001 errors that name the identity provider's failure, and connections work again within two seconds of its
 * recovery (the retry cap with no valid token).
 */
class IdpOutageTest {

  private static final String CLIENT_SECRET = "idp-outage-client-secret-3f9a";
  private static final String USER = "idp_outage_user";
  /** How often the simulated application connects, in fake time. */
  private static final Duration STEP = Duration.ofMillis(500);

  /** Mints a fresh 20-second JWT for every token request, on the driver's clock, as an identity provider does. */
  static TokenEndpointTransformer mintingIdp(Clock clock) {
    return new TokenEndpointTransformer("minting-idp", event -> {
      Instant now = clock.instant();
      String jwt = TestIssuer.shared().mint(USER, b -> b.issueTime(Date.from(now))
          .expirationTime(Date.from(now.plusSeconds(20))));
      return TokenEndpointTransformer.tokenResponse(jwt, Duration.ofSeconds(20)).build();
    });
  }

  private record Outcome(Instant at, String sqlState, String message) {
  }

  private final PostgresServer db = PostgresServer.shared();
  private final TimedDriver driver = TimedDriver.startingNow();
  private final List<Outcome> failures = new ArrayList<>();
  private final List<Instant> successes = new ArrayList<>();
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private WireMockServer idp;

  @BeforeEach
  void start() {
    LeakWatch.registerSecret(CLIENT_SECRET);
    idp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
        .extensions(mintingIdp(driver.clock())));
    idp.start();
    healthy();
    db.createTokenUser(USER);
    driver.caches().addListener(events::add);
  }

  @AfterEach
  void stop() {
    idp.stop();
    driver.close();
  }

  private void healthy() {
    failing(aResponse().withTransformers("minting-idp"));
  }

  private void failing(ResponseDefinitionBuilder response) {
    idp.resetMappings();
    idp.stubFor(post(urlEqualTo("/token")).willReturn(response));
  }

  private String url() {
    return "jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable";
  }

  /** The application's options: where tokens come from, and the timings. */
  private Properties clientCredentials() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("jwt.provider", "client-credentials");
    p.setProperty("jwt.tokenEndpoint", "http://127.0.0.1:" + idp.port() + "/token");
    p.setProperty("jwt.clientId", "orders");
    p.setProperty("jwt.clientSecret", CLIENT_SECRET);
    p.setProperty("jwt.httpTimeout", "2s");
    p.setProperty("jwt.clockSkew", "1s");
    p.setProperty("jwt.refreshAhead", "60%");
    p.setProperty("jwt.fetchTimeout", "2s");
    return p;
  }

  /** Connects and runs a statement every {@link #STEP} of fake time for {@code duration}, recording each outcome. */
  private void runFor(Duration duration) {
    Properties props = clientCredentials();
    Instant end = driver.clock().instant().plus(duration);
    while (driver.clock().instant().isBefore(end)) {
      Instant now = driver.clock().instant();
      try (Connection c = driver.connect(url(), props); Statement s = c.createStatement()) {
        s.execute("select 1");
        successes.add(now);
      } catch (SQLException e) {
        failures.add(new Outcome(now, e.getSQLState(), e.getMessage()));
      }
      driver.advance(STEP);
    }
  }

  private long tokenRequests() {
    return idp.countRequestsMatching(postRequestedFor(urlEqualTo("/token")).build()).getCount();
  }

  @Test
  void shortOutagesAreInvisibleAndALongOneFailsFastThenRecovers() {
    runFor(Duration.ofSeconds(10));
    // 20 s tokens, usable 19 s, refreshed when 60% of that (11.4 s) remains: the first fetch and one refresh
    assertThat(tokenRequests()).isEqualTo(2);
    assertThat(successes).hasSize(20);

    // each outage lasts longer than the time between refreshes (about 7 s), so a refresh falls into it, and less
    // than the 11.4 s a token has left when its refresh is due
    failing(aResponse().withStatus(500).withBody("internal error"));
    runFor(Duration.ofSeconds(8));
    healthy();
    runFor(Duration.ofSeconds(5));
    failing(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
    runFor(Duration.ofSeconds(8));
    healthy();
    runFor(Duration.ofSeconds(5));
    // slower than jwt.httpTimeout (a transformer's answer would replace the delay, so none here)
    failing(aResponse().withStatus(200).withFixedDelay(4_000));
    runFor(Duration.ofSeconds(8));
    healthy();
    runFor(Duration.ofSeconds(5));
    assertThat(failures).as("failed connections during short outages").isEmpty();
    List<String> refreshErrors = events.stream().filter(e -> e.type() == TokenEvent.Type.REFRESH_FAILED)
        .map(e -> e.error().orElseThrow().getMessage()).toList();
    assertThat(refreshErrors).as("refreshes failed in each short outage")
        .anySatisfy(m -> assertThat(m).contains("500"))
        .anySatisfy(m -> assertThat(m).startsWith("the connection to token endpoint"))
        .anySatisfy(m -> assertThat(m).contains("did not answer within 2s (jwt.httpTimeout)"));
    assertThat(events).filteredOn(e -> e.type() == TokenEvent.Type.EXPIRED).as("no token expired").isEmpty();

    failing(aResponse().withStatus(503).withBody("down for maintenance"));
    runFor(Duration.ofSeconds(24)); // longer than a token's life
    Instant recovered = driver.clock().instant();
    healthy();
    runFor(Duration.ofSeconds(8));

    assertThat(failures).as("a long outage fails connections").isNotEmpty();
    assertThat(failures).allSatisfy(f -> {
      assertThat(f.sqlState()).isEqualTo("08001");
      assertThat(f.message()).startsWith("jdbc-jwt: no token could be obtained").contains("503")
          .doesNotContain(CLIENT_SECRET).doesNotContain("eyJ");
    });
    Instant lastFailure = failures.get(failures.size() - 1).at();
    assertThat(lastFailure).isAfterOrEqualTo(recovered.minus(Duration.ofSeconds(2)));
    assertThat(Duration.between(recovered, lastFailure)).as("retried at least every 2 s with no valid token")
        .isLessThan(Duration.ofSeconds(2));
    assertThat(successes).filteredOn(s -> s.isAfter(recovered)).first()
        .satisfies(s -> assertThat(Duration.between(recovered, s)).isLessThanOrEqualTo(Duration.ofSeconds(2)));
    assertThat(events).filteredOn(e -> e.type() == TokenEvent.Type.EXPIRED).isNotEmpty();
  }
}
