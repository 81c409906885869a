package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.PostgresServer;

/** {@link OidcServerLoginContract} against PostgreSQL 15, which checks each token through its LDAP bridge. */
class OidcServerLoginTest extends OidcServerLoginContract {

  private PostgresServer db;

  @Override
  void startDatabase(TrustPolicy policy) {
    db = PostgresServer.start(policy);
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
    return "jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable";
  }

  @Override
  void assertTheDatabaseCheckedTheToken(String user) {
    org.assertj.core.api.Assertions.assertThat(db.ldapBridge().successfulBinds(user)).isEqualTo(1);
  }
}
