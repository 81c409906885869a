package dev.jdbcjwt.jdbc.e2e;

import com.nimbusds.jose.jwk.JWKSet;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.token.cache.TokenCaches;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
 * A real OAuth2/OIDC server (mock-oauth2-server) issues the tokens — discovery, client credentials with a secret and
 * with private_key_jwt, token exchange of a workload token — and a real database that trusts that server's published
 * keys checks them: the whole path through the driver. Each database kind extends this with how it starts and how
 * the driver reaches it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OidcServerLoginContract {

  private MockOAuth2Server idp;
  private String issuer;

  /** Starts the database trusting {@code policy} (the IdP's keys, its issuer, audience {@code orders-db}). */
  abstract void startDatabase(TrustPolicy policy);

  abstract void stopDatabase();

  abstract void createTokenUser(String name);

  /** The {@code jdbc:jwt:} URL of the database. */
  abstract String jwtUrl();

  /** Connection properties this database kind needs besides the provider's. */
  Properties databaseProperties() {
    return new Properties();
  }

  /** What the database itself recorded of {@code user}'s successful login, checked after the secret grant. */
  void assertTheDatabaseCheckedTheToken(String user) {
  }

  @BeforeAll
  void start() throws Exception {
    idp = new MockOAuth2Server();
    idp.start();
    issuer = idp.issuerUrl("prod").toString();
    JWKSet keys = JWKSet.load(idp.jwksUrl("prod").url());
    startDatabase(new TrustPolicy(keys.toPublicJWKSet(), issuer, "orders-db"));
  }

  @AfterAll
  void stop() {
    stopDatabase();
    idp.shutdown();
    TokenCaches.clear();
  }

  /** Logs in as {@code user} with the application's {@code options} (name=value, as connection properties). */
  private String login(String user, String... options) throws Exception {
    Properties p = databaseProperties();
    p.setProperty("user", user);
    p.setProperty("jwt.issuer", issuer);
    // the IdP's first answers come from a cold JVM; on a loaded machine they took over the 5 s HTTP and the 10 s
    // connect defaults (this test checks the exchange, not its speed)
    p.setProperty("jwt.httpTimeout", "30s");
    p.setProperty("jwt.fetchTimeout", "60s");
    for (String option : options) {
      int eq = option.indexOf('=');
      p.setProperty(option.substring(0, eq), option.substring(eq + 1));
    }
    try (Connection c = DriverManager.getConnection(jwtUrl(), p); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user")) {
      rs.next();
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(user);
      return rs.getString(1);
    }
  }

  @Test
  void clientCredentialsWithASecretThroughDiscovery() throws Exception {
    createTokenUser("orders");
    assertThat(login("orders", "jwt.provider=client-credentials", "jwt.clientId=orders",
        "jwt.clientSecret=oidc-e2e-secret", "jwt.scope=orders-db")).isEqualTo("orders");
    assertTheDatabaseCheckedTheToken("orders");
  }

  @Test
  void clientCredentialsWithPrivateKeyJwt(@TempDir Path dir) throws Exception {
    createTokenUser("reports");
    Path key = dir.resolve("client.pem");
    Files.writeString(key, TestIssuer.generate("client", "idp").privateKeyPem());
    assertThat(login("reports", "jwt.provider=client-credentials", "jwt.clientId=reports",
        "jwt.clientAssertionKey=file:" + key, "jwt.scope=orders-db")).isEqualTo("reports");
  }

  @Test
  void tokenExchangeOfAWorkloadToken(@TempDir Path dir) throws Exception {
    createTokenUser("shop_orders");
    // a Kubernetes-style workload token from another issuer, exchanged for a database-scoped one
    Path workload = dir.resolve("token");
    Files.writeString(workload, idp.issueToken("kubernetes", "shop_orders", "orders-exchange").serialize());
    Path key = dir.resolve("client.pem");
    Files.writeString(key, TestIssuer.generate("client", "idp").privateKeyPem());
    assertThat(login("shop_orders", "jwt.provider=token-exchange", "jwt.subjectTokenFile=" + workload,
        "jwt.audience=orders-db", "jwt.clientId=orders", "jwt.clientAssertionKey=file:" + key))
        .isEqualTo("shop_orders");
  }
}
