package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL validating tokens through its ldap method (bridged to a JWT check), reached with pgjdbc. */
class PostgresTokenLoginTest extends RealDatabaseCases {

  private final PostgresServer server = PostgresServer.shared();

  @Override
  String vendorUrl() {
    return server.vendorUrl() + "?sslmode=disable";
  }

  @Override
  void createUser(String name) {
    server.createTokenUser(name);
  }

  @Override
  String currentUserQuery() {
    return "select current_user";
  }

  @Override
  String expectedCurrentUser(String user) {
    return user;
  }

  @Test
  @Override
  void anExpiredTokenIsRefused() throws Exception {
    super.anExpiredTokenIsRefused();
    assertThat(server.ldapBridge().failedBinds()).isPositive();
  }

  @Test
  void vendorApisStayReachableThroughTheWrapper() throws Exception {
    String user = newUser();
    createUser(user);
    try (Connection c = DriverManager.getConnection("jdbc:jwt:" + vendorUrl(), signedBy(TestIssuer.shared(), user))) {
      PGConnection pg = c.unwrap(PGConnection.class);
      try (Statement s = c.createStatement()) {
        s.execute("create temporary table copied(n int)");
      }
      long rows = pg.getCopyAPI().copyIn("COPY copied FROM STDIN", new java.io.StringReader("1\n2\n3\n"));
      assertThat(rows).isEqualTo(3);
      TokenConnection token = c.unwrap(TokenConnection.class);
      assertThat(token.tokenSubject()).contains(user);
      assertThat(token.tokenKeyId()).contains(TestIssuer.shared().keyId());
      assertThat(token.isTokenExpired()).isFalse();
    }
  }

  @Test
  void worksAsAHikariCpJdbcUrlWithOptionsInTheUrl() throws Exception {
    String user = newUser();
    createUser(user);
    TestIssuer issuer = TestIssuer.shared();
    java.nio.file.Path key = java.nio.file.Files.createTempFile("signing", ".pem");
    java.nio.file.Files.writeString(key, issuer.privateKeyPem());
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl("jdbc:jwt:" + vendorUrl() + "&jwt.provider=signed&jwt.signingKey=file:" + key
        + "&jwt.keyId=" + issuer.keyId() + "&jwt.issuer=" + issuer.issuer() + "&jwt.audience=" + issuer.audience());
    config.setUsername(user);
    config.setMaximumPoolSize(2);
    dev.jdbcjwt.jdbc.JwtDriver.trustUrls(true); // the URL is this application's own configuration
    try (com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource(config);
         Connection c = ds.getConnection();
         Statement s = c.createStatement();
         java.sql.ResultSet rs = s.executeQuery("select current_user")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(user);
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
    } finally {
      dev.jdbcjwt.jdbc.JwtDriver.trustUrls(false);
      java.nio.file.Files.delete(key);
    }
  }
}
