package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.StubDriver;
import dev.jdbcjwt.jdbc.TimedDriver;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectPlanTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();
  private static final String URL = "jdbc:jwt:stub://db/orders?jwt.clockSkew=20s";

  @BeforeEach
  void setUp() {
    StubDriver.reset();
    TokenCaches.clear();
    ConnectPlan.forgetAll();
  }

  private static Properties props(String user) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("jwt.provider", "signed");
    p.setProperty("jwt.signingKey", ISSUER.privateKeyPem());
    p.setProperty("jwt.issuer", ISSUER.issuer());
    p.setProperty("jwt.audience", ISSUER.audience());
    return p;
  }

  @Test
  void equalUrlAndPropertiesShareOnePlanEvenInOtherPropertiesObjects() throws Exception {
    ConnectPlan first = ConnectPlan.of(URL, props("app"));
    assertThat(ConnectPlan.of(URL, props("app"))).isSameAs(first);
    assertThat(first.vendor()).isSameAs(StubDriver.INSTANCE);
    assertThat(first.clockSkew()).isPositive();
  }

  @Test
  void anyDifferenceInUrlOrPropertiesGivesItsOwnPlan() throws Exception {
    ConnectPlan app = ConnectPlan.of(URL, props("app"));
    assertThat(ConnectPlan.of(URL, props("reporting"))).isNotSameAs(app);
    assertThat(ConnectPlan.of(URL + "&jwt.refreshAhead=5m", props("app"))).isNotSameAs(app);
    Properties changed = props("app");
    changed.setProperty("ssl", "true");
    ConnectPlan withSsl = ConnectPlan.of(URL, changed);
    assertThat(withSsl).isNotSameAs(app);
    assertThat(withSsl.request().vendorProperties().getProperty("ssl")).isEqualTo("true");
  }

  @Test
  void connectionsUseTheUsersOfTheirOwnPropertiesAfterPlansAreKept() throws Exception {
    JwtDriver driver = JwtDriver.instance();
    for (String user : new String[] {"app", "reporting", "app", "reporting"}) {
      try (Connection c = driver.connect(URL, props(user))) {
        assertThat(c).isNotNull();
      }
      assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("user")).isEqualTo(user);
    }
    assertThat(ConnectPlan.size()).isEqualTo(2);
  }

  @Test
  void clearingTheTokenCachesTakesEffectOnTheNextConnect() throws Exception {
    // every signed token has its own jti, so a new token differs from the cached one without waiting for a later iat
    JwtDriver driver = JwtDriver.instance();
    driver.connect(URL, props("app")).close();
    String firstToken = StubDriver.INSTANCE.lastCall().properties().getProperty("password");
    driver.connect(URL, props("app")).close();
    assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).as("served from the cache")
        .isEqualTo(firstToken);
    TokenCaches.clear();
    driver.connect(URL, props("app")).close();
    assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isNotEqualTo(firstToken);
    assertThat(TokenCaches.all()).hasSize(1);
  }

  @Test
  void aPlanTakesItsCachesAndTimeFromItsEnvironment() throws Exception {
    TimedDriver timed = TimedDriver.startingNow();
    try (Connection c = timed.connect(URL, props("app"))) {
      assertThat(c.unwrap(dev.jdbcjwt.jdbc.TokenConnection.class).tokenExpiresAt())
          .isEqualTo(timed.clock().instant().plus(java.time.Duration.ofMinutes(15))); // jwt.ttl's default
    }
    assertThat(timed.caches().all()).hasSize(1);
    assertThat(TokenCaches.all()).as("the JVM-wide caches are not this driver's").isEmpty();
    // the refresh runs on the fake clock, when 25% of the usable 14m40s remains (660 s after the fetch)
    String first = StubDriver.INSTANCE.lastCall().properties().getProperty("password");
    timed.advance(java.time.Duration.ofSeconds(659));
    timed.connect(URL, props("app")).close();
    assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isEqualTo(first);
    timed.advance(java.time.Duration.ofSeconds(1));
    timed.connect(URL, props("app")).close();
    assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isNotEqualTo(first);
    timed.close();
  }

  @Test
  void theNumberOfPlansIsBounded() throws Exception {
    for (int i = 0; i < ConnectPlan.MAX_PLANS + 10; i++) {
      ConnectPlan.of(URL + "&db" + i + "=x", props("app"));
    }
    assertThat(ConnectPlan.size()).isLessThanOrEqualTo(ConnectPlan.MAX_PLANS);
  }

  @Test
  void aPlanNeverPrintsItsProperties() throws Exception {
    ConnectPlan plan = ConnectPlan.of(URL, props("app"));
    assertThat(plan.toString()).doesNotContain("BEGIN").doesNotContain(ISSUER.privateKeyPem().substring(40, 80))
        .contains("stub");
  }
}
