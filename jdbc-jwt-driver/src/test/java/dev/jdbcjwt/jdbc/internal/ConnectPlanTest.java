package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.StubDriver;
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
    JwtDriver driver = JwtDriver.instance();
    driver.connect(URL, props("app")).close();
    String firstToken = StubDriver.INSTANCE.lastCall().properties().getProperty("password");
    Thread.sleep(1100); // the next token gets a later iat, so it differs
    TokenCaches.clear();
    driver.connect(URL, props("app")).close();
    assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isNotEqualTo(firstToken);
    assertThat(TokenCaches.all()).hasSize(1);
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
