package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.testing.mariadb.MariaDbServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** MariaDB validating tokens through auth_pam, reached with both MySQL Connector/J and MariaDB Connector/J. */
class MariaDbTokenLoginTest {

  abstract static class Cases extends RealDatabaseCases {
    final MariaDbServer server = MariaDbServer.shared();

    @Override
    void createUser(String name) throws SQLException {
      server.createTokenUser(name);
    }

    @Override
    String currentUserQuery() {
      return "SELECT CURRENT_USER()";
    }

    @Override
    String expectedCurrentUser(String user) {
      return user + "@%";
    }

    @Test
    @Override
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
      super.aTokenSignedByAnotherKeyIsRefused();
      assertThat(server.pamDecisions()).anySatisfy(d -> assertThat(d.reason()).contains("unknown key id"));
    }

    @Test
    @Override
    void anExpiredTokenIsRefused() throws Exception {
      super.anExpiredTokenIsRefused();
      assertThat(server.pamDecisions()).anySatisfy(d -> assertThat(d.reason()).contains("expired"));
    }

    @Test
    void theDriverIsTheVendorsUnderneath() throws Exception {
      String user = newUser();
      createUser(user);
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:jwt:" + vendorUrl(),
          signedBy(dev.jdbcjwt.testing.TestIssuer.shared(), user))) {
        assertThat(c.getMetaData().getDriverName()).containsIgnoringCase(vendorDriverName());
      }
    }

    abstract String vendorDriverName();
  }

  @Nested
  class WithMySqlConnectorJ extends Cases {
    @Override
    String vendorUrl() {
      return server.mysqlConnectorUrl();
    }

    @Override
    String vendorDriverName() {
      return "MySQL Connector";
    }
  }

  @Nested
  class WithMariaDbConnectorJ extends Cases {
    @Override
    String vendorUrl() {
      return server.mariadbConnectorUrl();
    }

    @Override
    String vendorDriverName() {
      return "MariaDB Connector";
    }
  }
}
