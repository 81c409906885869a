package dev.jdbcjwt.samples.hikari;

import com.nimbusds.jose.jwk.JWKSet;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end: a real OAuth2/OIDC server (mock-oauth2-server) issues client-credentials tokens, and a real
 * PostgreSQL trusts that server's published keys.
 */
class HikariSampleTest {

  @Test
  void queriesThroughThePoolWithTokensFromTheIdentityProvider() throws Exception {
    MockOAuth2Server idp = new MockOAuth2Server();
    idp.start();
    try {
      String issuer = idp.issuerUrl("prod").toString();
      JWKSet keys = JWKSet.load(idp.jwksUrl("prod").url());
      // client_credentials tokens of this server carry the requested scope as their audience
      try (PostgresServer db = PostgresServer.start(new TrustPolicy(keys.toPublicJWKSet(), issuer, "orders-db"))) {
        db.createTokenUser("orders");
        String url = "jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable";
        java.util.Properties options = new java.util.Properties();
        options.setProperty("jwt.provider", "client-credentials");
        options.setProperty("jwt.issuer", issuer);
        options.setProperty("jwt.clientId", "orders");
        options.setProperty("jwt.clientSecret", "sample-client-secret");
        options.setProperty("jwt.scope", "orders-db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int ok = HikariSample.run(url, "orders", options, 100, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(ok).isEqualTo(100);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Pool ready: maxLifetime")
            .contains("100 queries as orders; token subject orders").doesNotContain("eyJ")
            .doesNotContain("sample-client-secret");
      }
    } finally {
      idp.shutdown();
    }
  }
}
