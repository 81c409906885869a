package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TestUsers;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same checks for every real database and vendor driver: the database itself accepts a good token and refuses
 * bad ones, and the driver reports the refusal as SQLState 28000. The cases are tests here; a subclass names the
 * database and overrides a case to add what that database reports.
 */
abstract class RealDatabaseCases {

  /** The URL after {@code jdbc:jwt:}. */
  abstract String vendorUrl();

  abstract void createUser(String name) throws SQLException;

  /** The query that returns the session's user, and what it returns for {@code user}. */
  abstract String currentUserQuery();

  abstract String expectedCurrentUser(String user);

  static String newUser() {
    return TestUsers.uniqueName("u");
  }

  static Properties signedBy(TestIssuer issuer, String user) {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("jwt.provider", "signed");
    p.setProperty("jwt.signingKey", issuer.privateKeyPem());
    p.setProperty("jwt.keyId", issuer.keyId());
    p.setProperty("jwt.issuer", issuer.issuer());
    p.setProperty("jwt.audience", issuer.audience());
    p.setProperty("jwt.ttl", "2m");
    return p;
  }

  String queryUser(Properties props) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:jwt:" + vendorUrl(), props);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(currentUserQuery())) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void aValidTokenLogsInAsItsUser() throws Exception {
    String user = newUser();
    createUser(user);
    assertThat(queryUser(signedBy(TestIssuer.shared(), user))).isEqualTo(expectedCurrentUser(user));
  }

  @Test
  void aTwoKilobyteTokenPasses() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.claim.groups", "g".repeat(2200)); // IdP tokens with many groups are this big
    assertThat(queryUser(p)).isEqualTo(expectedCurrentUser(user));
  }

  void refused(Properties props) {
    TokenCaches.clear();
    assertThatThrownBy(() -> queryUser(props)).isInstanceOfSatisfying(SQLException.class, e -> {
      assertThat(e.getSQLState()).isEqualTo("28000");
      assertThat(e.getMessage()).startsWith("jdbc-jwt: the database refused the token for user")
          .doesNotContain("eyJ");
      assertThat(e.getCause()).isInstanceOf(SQLException.class);
    });
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    String user = newUser();
    createUser(user);
    TestIssuer impostor = TestIssuer.generate(TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE);
    refused(signedBy(impostor, user));
  }

  @Test
  void aTokenWithTheWrongAudienceIsRefused() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.audience", "some-other-db");
    refused(p);
  }

  @Test
  void aTokenFromTheWrongIssuerIsRefused() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.issuer", "https://elsewhere.example");
    refused(p);
  }

  @Test
  void aTokenForAnotherUserIsRefused() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.subject", "someone_else");
    refused(p);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("jwt.provider", "test-expired");
    refused(p);
  }
}
