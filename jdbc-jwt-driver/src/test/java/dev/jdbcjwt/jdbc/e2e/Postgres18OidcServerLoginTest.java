package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OidcServerLoginContract} against PostgreSQL 18's native {@code oauth} method over verify-full TLS: the token
 * goes only through SASL OAUTHBEARER ({@code jwt.postgresOAuth=require}) and the server's validator checks it.
 */
class Postgres18OidcServerLoginTest extends OidcServerLoginContract {

  private OAuthPostgresServer db;

  @Override
  void startDatabase(TrustPolicy policy) {
    db = OAuthPostgresServer.start(policy);
  }

  @Override
  void stopDatabase() {
    db.close();
  }

  @Override
  void createTokenUser(String name) {
    db.createTokenUser(name);
  }

  @Override
  String jwtUrl() {
    return "jdbc:jwt:" + db.verifiedTlsVendorUrl();
  }

  @Override
  Properties databaseProperties() {
    Properties p = new Properties();
    p.setProperty("jwt.postgresOAuth", "require");
    return p;
  }

  @Override
  void assertTheDatabaseCheckedTheToken(String user) {
    assertThat(db.validatorBridge().successfulLogins(user)).isEqualTo(1);
  }
}
