package dev.jdbcjwt.testing.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the login roles tokens log in as, on any of the private servers. */
final class TokenRoles {

  private TokenRoles() {
  }

  /**
   * Creates login role {@code name} if it does not exist and lets it connect to {@code database}, use and create
   * in schema {@code public}. Idempotent. Closes {@code admin}.
   */
  static void create(Connection admin, String database, String name) {
    String role = PostgresServer.quoteIdentifier(name);
    try (Connection c = admin; Statement s = c.createStatement()) {
      try {
        s.execute("CREATE ROLE " + role + " LOGIN");
      } catch (SQLException e) {
        if (!"42710".equals(e.getSQLState())) { // duplicate_object: the role exists
          throw e;
        }
      }
      s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + PostgresServer.quoteIdentifier(database) + " TO " + role);
      s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create token user '" + name + "': " + e.getMessage(), e);
    }
  }
}
