package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL 18 validating tokens itself with its native {@code oauth} method (SASL OAUTHBEARER), reached with
 * pgjdbc through the driver's interposer: the cases every real database runs, plus the {@code jwt.postgresOAuth}
 * modes. Subclasses choose the path: verify-full TLS or plain TCP (hostnossl).
 */
abstract class Postgres18OAuthCases extends RealDatabaseCases {

  static final OAuthPostgresServer SERVER = OAuthPostgresServer.shared();

  @Override
  void createUser(String name) {
    SERVER.createTokenUser(name);
  }

  @Override
  String currentUserQuery() {
    return "select current_user";
  }

  @Override
  String expectedCurrentUser(String user) {
    return user;
  }

  @Override
  void refused(Properties props) {
    long before = SERVER.validatorBridge().failedLogins();
    super.refused(props);
    assertThat(SERVER.validatorBridge().failedLogins()).isGreaterThan(before);
  }

  @Test
  @Override
  void aValidTokenLogsInAsItsUser() throws Exception {
    long before = SERVER.validatorBridge().successfulLogins();
    super.aValidTokenLogsInAsItsUser();
    assertThat(SERVER.validatorBridge().successfulLogins()).isEqualTo(before + 1);
  }

  @Test
  void requireLogsInWithoutAPassword() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.postgresOAuth", "require");
    assertThat(queryUser(p)).isEqualTo(user);
  }

  @Test
  void offNamesTheOption() throws Exception {
    String user = newUser();
    createUser(user);
    Properties p = signedBy(TestIssuer.shared(), user);
    p.setProperty("jwt.postgresOAuth", "off");
    assertThatThrownBy(() -> queryUser(p)).isInstanceOfSatisfying(SQLException.class, e -> {
      assertThat(e.getSQLState()).isEqualTo("HY000");
      assertThat(e.getMessage()).contains("jwt.postgresOAuth=off").doesNotContain("SCRAM").doesNotContain("eyJ");
    });
  }

  @Test
  void theConnectionKnowsItsTokenAndRunsStatements() throws Exception {
    String user = newUser();
    createUser(user);
    try (Connection c = DriverManager.getConnection("jdbc:jwt:" + vendorUrl(), signedBy(TestIssuer.shared(), user));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from pg_class")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isPositive();
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
    }
  }
}
