package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.jdbc.RotatingKeyProvider;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL 18 {@code oauth}: the database's trust rotates and refuses the cached token, the driver refetches once
 * and the retry logs in; session claims reach the session; a user's own {@code sslfactory} stays in charge of TLS.
 */
class Postgres18RotationAndDelegatesTest {

  @AfterEach
  void restoreSigner() {
    RotatingKeyProvider.SIGNER.set(TestIssuer.shared());
    TokenCaches.clear();
  }

  private static Properties rotating(String user) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("jwt.provider", "test-rotating");
    p.setProperty("jwt.ttl", "10m");
    return p;
  }

  private static String kidOf(Connection c) throws Exception {
    return c.unwrap(TokenConnection.class).tokenKeyId().orElseThrow();
  }

  @Test
  void aTokenRefusedAfterTheDatabasesKeyRotationIsReplacedAndTheRetryLogsIn() throws Exception {
    TestIssuer first = TestIssuer.generate("https://rotation18.test", "rotation18-db");
    TestIssuer second = TestIssuer.generate("https://rotation18.test", "rotation18-db");
    try (OAuthPostgresServer db = OAuthPostgresServer.start(first.trustPolicy())) {
      db.createTokenUser("rotating");
      TokenCaches.clear();
      RotatingKeyProvider.SIGNER.set(first);
      String url = "jdbc:jwt:" + db.verifiedTlsVendorUrl();
      try (Connection c = DriverManager.getConnection(url, rotating("rotating"))) {
        assertThat(kidOf(c)).isEqualTo(first.keyId());
      }
      db.validatorBridge().trust(second.trustPolicy());
      RotatingKeyProvider.SIGNER.set(second);
      int requests = RotatingKeyProvider.REQUESTS.get();
      long refused = db.validatorBridge().failedLogins("rotating");

      try (Connection c = DriverManager.getConnection(url, rotating("rotating"))) {
        assertThat(kidOf(c)).isEqualTo(second.keyId());
      }
      assertThat(RotatingKeyProvider.REQUESTS.get()).isEqualTo(requests + 1);
      assertThat(db.validatorBridge().failedLogins("rotating")).isEqualTo(refused + 1);
      assertThat(db.validatorBridge().lastRejection("rotating")).hasValueSatisfying(r ->
          assertThat(r).contains("untrusted signature"));
    }
  }

  @Test
  void sessionClaimsAndTheRoleClaimWorkAsOnPasswordServers() throws Exception {
    OAuthPostgresServer server = OAuthPostgresServer.shared();
    String user = RealDatabaseCases.newUser();
    String role = RealDatabaseCases.newUser();
    server.createTokenUser(user);
    try (Connection admin = server.adminConnection(); Statement s = admin.createStatement()) {
      s.execute("CREATE ROLE " + role + " NOLOGIN");
      s.execute("GRANT " + role + " TO " + user);
    }
    Properties p = RealDatabaseCases.signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.claim.db_role", role);
    p.setProperty("jwt.roleClaim", "db_role");
    p.setProperty("jwt.sessionClaims", "true");
    try (Connection c = DriverManager.getConnection("jdbc:jwt:" + server.verifiedTlsVendorUrl(), p);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user, session_user, current_setting('request.jwt.claim.sub')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(role);
      assertThat(rs.getString(2)).isEqualTo(user);
      assertThat(rs.getString(3)).isEqualTo(user);
    }
  }

  @Test
  void aUserSslFactoryInTheUrlStillMakesTheTlsConnection() throws Exception {
    OAuthPostgresServer server = OAuthPostgresServer.shared();
    String user = RealDatabaseCases.newUser();
    server.createTokenUser(user);
    int before = CountingSslFactory.INSTANCES.get();
    String url = "jdbc:jwt:" + server.verifiedTlsVendorUrl() + "&sslfactory=" + CountingSslFactory.class.getName();
    try (Connection c = DriverManager.getConnection(url, RealDatabaseCases.signedBy(TestIssuer.shared(), user));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
    assertThat(CountingSslFactory.INSTANCES.get()).isEqualTo(before + 1);
  }
}
