package dev.jdbcjwt.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcjwt.testing.TestIssuer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared PostgreSQL 18 server with the native {@code oauth} method, driven by a raw OAUTHBEARER client. */
class OAuthPostgresServerTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();
  private static final String ALICE = "alice_" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOB = "bob_" + UUID.randomUUID().toString().substring(0, 8);

  private static OAuthPostgresServer server;

  @BeforeAll
  static void startServer() {
    server = OAuthPostgresServer.shared();
    server.createTokenUser(ALICE);
    server.createTokenUser(BOB);
  }

  @Test
  void aValidTokenLogsInOverThePlainPath() throws Exception {
    long before = server.validatorBridge().successfulLogins(ALICE);
    RawOAuthClient.Outcome outcome = RawOAuthClient.login(server.port(), ALICE, "appdb", ISSUER.mint(ALICE), null);
    assertThat(outcome.ok()).as("%s", outcome).isTrue();
    assertThat(outcome.mechanisms()).isEqualTo("OAUTHBEARER");
    assertThat(server.validatorBridge().successfulLogins(ALICE)).isEqualTo(before + 1);
  }

  @Test
  void aValidTokenLogsInOverVerifiedTls() throws Exception {
    RawOAuthClient.Outcome outcome = RawOAuthClient.login(server.port(), BOB, "appdb", ISSUER.mint(BOB),
        server.rootCertificate());
    assertThat(outcome.ok()).as("%s", outcome).isTrue();
  }

  static Stream<Arguments> refusedTokens() {
    TestIssuer stranger = TestIssuer.generate(ISSUER.issuer(), ISSUER.audience());
    return Stream.of(
        Arguments.of("signed by another key", (BiFunction<String, String, String>) (user, other) -> stranger.mint(user),
            "untrusted signature"),
        Arguments.of("wrong audience", (BiFunction<String, String, String>) (user, other) ->
            ISSUER.mint(user, b -> b.audience("another-db")), "aud claim"),
        Arguments.of("wrong issuer", (BiFunction<String, String, String>) (user, other) ->
            ISSUER.mint(user, b -> b.issuer("https://elsewhere.test")), "iss claim"),
        Arguments.of("expired", (BiFunction<String, String, String>) (user, other) ->
            ISSUER.mint(user, b -> b.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(2))))),
            "Expired JWT"),
        Arguments.of("for another user", (BiFunction<String, String, String>) (user, other) -> ISSUER.mint(other),
            "sub claim"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void theDatabaseRefuses(String why, BiFunction<String, String, String> mint, String expectedReason)
      throws Exception {
    String token = mint.apply(ALICE, BOB);
    long failedBefore = server.validatorBridge().failedLogins(ALICE);

    RawOAuthClient.Outcome outcome = RawOAuthClient.login(server.port(), ALICE, "appdb", token, null);

    assertThat(outcome.sqlState()).as(why).isEqualTo("28000");
    assertThat(outcome.message()).contains("OAuth bearer authentication failed").doesNotContain(token);
    assertThat(outcome.challenge()).contains("invalid_token").contains(ISSUER.issuer());
    assertThat(server.validatorBridge().failedLogins(ALICE)).isEqualTo(failedBefore + 1);
    assertThat(server.validatorBridge().lastRejection(ALICE)).hasValueSatisfying(reason ->
        assertThat(reason).contains(expectedReason).doesNotContain(token));
    assertThat(server.logTail(40)).doesNotContain(token);
  }

  @Test
  void trustRotatesAtRuntime() throws Exception {
    TestIssuer own = TestIssuer.generate("https://rotate.test", "rotate-db");
    try (OAuthPostgresServer mine = OAuthPostgresServer.start(own.trustPolicy())) {
      mine.createTokenUser("carol");
      assertThat(RawOAuthClient.login(mine.port(), "carol", "appdb", own.mint("carol"), null).ok()).isTrue();
      TestIssuer next = TestIssuer.generate("https://rotate.test", "rotate-db");
      mine.validatorBridge().trust(next.trustPolicy());
      assertThat(RawOAuthClient.login(mine.port(), "carol", "appdb", own.mint("carol"), null).sqlState())
          .isEqualTo("28000");
      assertThat(RawOAuthClient.login(mine.port(), "carol", "appdb", next.mint("carol"), null).ok()).isTrue();
    }
  }

  @Test
  void theComparisonRolesLogInWithoutTokens() throws Exception {
    Properties scram = new Properties();
    scram.setProperty("user", OAuthPostgresServer.SCRAM_USER);
    scram.setProperty("password", OAuthPostgresServer.SCRAM_PASSWORD);
    scram.setProperty("sslmode", "disable");
    try (Connection c = DriverManager.getConnection("jdbc:" + server.vendorUrl(), scram);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user, version()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(OAuthPostgresServer.SCRAM_USER);
      assertThat(rs.getString(2)).startsWith("PostgreSQL 18");
    }
  }
}
