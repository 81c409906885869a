package dev.jdbcjwt.testing.mariadb;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shared MariaDB server validates tokens itself, through both vendor drivers. */
class TokenLoginTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();
  private static MariaDbServer server;

  @BeforeAll
  static void startServer() {
    server = MariaDbServer.shared();
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aValidTokenLogsInAsItsSubjectOverTls(Client client) throws SQLException {
    String user = newTokenUser();
    try (Connection c = client.connect(server, user, ISSUER.mint(user));
         Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT CURRENT_USER()")).isEqualTo(user + "@%");
      assertThat(scalar(s, "SELECT DATABASE()")).isEqualTo("appdb");
      try (ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).startsWith("TLS");
      }
      s.execute("CREATE TABLE t_" + user + " (id INT PRIMARY KEY)");
    }
    assertThat(server.lastPamDecision(user)).hasValueSatisfying(d -> {
      assertThat(d.accepted()).isTrue();
      assertThat(d.reason()).isEqualTo("valid token, key id " + ISSUER.keyId());
    });
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aTokenOfTwoAndAHalfKilobytesLogsIn(Client client) throws SQLException {
    String user = newTokenUser();
    String token = ISSUER.mint(user, b -> b.claim("padding", "x".repeat(1_450)));
    assertThat(token.length()).isBetween(2_500, 3_000);

    try (Connection c = client.connect(server, user, token); Statement s = c.createStatement()) {
      assertThat(scalar(s, "SELECT CURRENT_USER()")).isEqualTo(user + "@%");
    }
    assertThat(server.lastPamDecision(user)).hasValueSatisfying(d -> assertThat(d.accepted()).isTrue());
  }

  /** A way to spoil a token, and the reason the PAM module must give. */
  enum BadToken {
    SIGNED_BY_ANOTHER_ISSUERS_KEY("unknown key id ", (issuer, user) ->
        TestIssuer.generate(issuer.issuer(), issuer.audience()).mint(user)),
    SIGNED_BY_ANOTHER_KEY_WITH_THE_TRUSTED_KEY_ID("bad signature", TokenLoginTest::forgedWithTrustedKeyId),
    WRONG_AUDIENCE("wrong audience", (issuer, user) -> issuer.mint(user, b -> b.audience("another-database"))),
    WRONG_ISSUER("wrong issuer", (issuer, user) -> issuer.mint(user, b -> b.issuer("https://evil.example"))),
    EXPIRED("token expired", (issuer, user) -> issuer.mint(user, Duration.ofSeconds(-30))),
    FOR_ANOTHER_USER("is not the login user", (issuer, user) -> issuer.mint(user + "_other")),
    WITHOUT_EXPIRY("missing claim exp", (issuer, user) -> issuer.mint(user, b -> b.expirationTime(null))),
    NOT_A_JWT("not a JWT", (issuer, user) -> "correct horse battery staple");

    final String reason;
    final BiFunction<TestIssuer, String, String> mint;

    BadToken(String reason, BiFunction<TestIssuer, String, String> mint) {
      this.reason = reason;
      this.mint = mint;
    }
  }

  static Stream<Arguments> badTokens() {
    return Arrays.stream(Client.values())
        .flatMap(client -> Arrays.stream(BadToken.values()).map(bad -> Arguments.of(client, bad)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badTokens")
  void theServerRefusesABadToken(Client client, BadToken bad) throws Exception {
    String user = newTokenUser();
    String token = bad.mint.apply(ISSUER, user);

    SQLException e = catchThrowableOfType(SQLException.class, () -> client.connect(server, user, token).close());

    assertThat((Throwable) e).as("login with a token %s", bad).isNotNull();
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getErrorCode()).isEqualTo(1045);
    assertThat(e.getMessage()).contains("Access denied for user '" + user + "'");
    assertThat(server.lastPamDecision(user)).hasValueSatisfying(d -> {
      assertThat(d.accepted()).isFalse();
      assertThat(d.reason()).contains(bad.reason);
    });
    String log = Files.readString(server.pamLog(), StandardCharsets.UTF_8)
        + Files.readString(server.errorLog(), StandardCharsets.UTF_8);
    assertThat(log).doesNotContain(token);
    if (token.chars().filter(ch -> ch == '.').count() == 2) {
      assertThat(log).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void withoutTlsTheDriverDoesNotSendTheToken(Client client) throws Exception {
    String user = newTokenUser();

    SQLException e = catchThrowableOfType(SQLException.class,
        () -> client.connectWithoutTls(server, user, ISSUER.mint(user)).close());

    assertThat((Throwable) e).isNotNull();
    assertThat(e.getMessage()).containsIgnoringCase("SSL");
    assertThat(server.lastPamDecision(user)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void concurrentLoginsAllSucceed(Client client) throws Exception {
    String user = newTokenUser();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<String>> logins = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        logins.add(pool.submit(() -> {
          try (Connection c = client.connect(server, user, ISSUER.mint(user)); Statement s = c.createStatement()) {
            return scalar(s, "SELECT CURRENT_USER()");
          }
        }));
      }
      for (Future<String> login : logins) {
        assertThat(login.get()).isEqualTo(user + "@%");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.pamDecisions()).filteredOn(d -> d.user().equals(user)).hasSize(12)
        .allSatisfy(d -> assertThat(d.accepted()).isTrue());
  }

  private static String newTokenUser() throws SQLException {
    String user = TestUsers.uniqueName("u");
    server.createTokenUser(user);
    return user;
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  private static String forgedWithTrustedKeyId(TestIssuer trusted, String user) {
    TestIssuer forger = TestIssuer.generate(trusted.issuer(), trusted.audience());
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(trusted.issuer())
        .audience(trusted.audience())
        .subject(user)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
        .build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(trusted.keyId()).build(), claims);
      jwt.sign(new RSASSASigner(forger.privateJwk()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
