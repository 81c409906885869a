package dev.jdbcjwt.jdbc.e2e;

import com.nimbusds.jose.jwk.JWKSet;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real OAuth2/OIDC server (mock-oauth2-server) issues the tokens — client credentials, token exchange — and
 * PostgreSQL 18's native {@code oauth} method, over verify-full TLS, trusts that server's published keys.
 */
class Postgres18OidcServerLoginTest {

  static MockOAuth2Server idp;
  static OAuthPostgresServer db;
  static String issuer;

  @BeforeAll
  static void start() throws Exception {
    idp = new MockOAuth2Server();
    idp.start();
    issuer = idp.issuerUrl("prod").toString();
    JWKSet keys = JWKSet.load(idp.jwksUrl("prod").url());
    db = OAuthPostgresServer.start(new TrustPolicy(keys.toPublicJWKSet(), issuer, "orders-db"));
  }

  @AfterAll
  static void stop() {
    db.close();
    idp.shutdown();
    TokenCaches.clear();
  }

  static String login(String user, String... options) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("jwt.issuer", issuer);
    p.setProperty("jwt.postgresOAuth", "require");
    for (String option : options) {
      int eq = option.indexOf('=');
      p.setProperty(option.substring(0, eq), option.substring(eq + 1));
    }
    try (Connection c = DriverManager.getConnection("jdbc:jwt:" + db.verifiedTlsVendorUrl(), p);
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user")) {
      rs.next();
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
      return rs.getString(1);
    }
  }

  @Test
  void clientCredentialsWithASecretThroughDiscovery() throws Exception {
    db.createTokenUser("orders");
    assertThat(login("orders", "jwt.provider=client-credentials", "jwt.clientId=orders",
        "jwt.clientSecret=oidc-e2e-secret", "jwt.scope=orders-db")).isEqualTo("orders");
    assertThat(db.validatorBridge().successfulLogins("orders")).isEqualTo(1);
  }

  @Test
  void tokenExchangeOfAWorkloadToken(@TempDir Path dir) throws Exception {
    db.createTokenUser("shop_orders");
    Path workload = dir.resolve("token");
    Files.writeString(workload, idp.issueToken("kubernetes", "shop_orders", "orders-exchange").serialize());
    Path key = dir.resolve("client.pem");
    Files.writeString(key, TestIssuer.generate("client", "idp").privateKeyPem());
    assertThat(login("shop_orders", "jwt.provider=token-exchange", "jwt.subjectTokenFile=" + workload,
        "jwt.audience=orders-db", "jwt.clientId=orders", "jwt.clientAssertionKey=file:" + key))
        .isEqualTo("shop_orders");
  }
}
