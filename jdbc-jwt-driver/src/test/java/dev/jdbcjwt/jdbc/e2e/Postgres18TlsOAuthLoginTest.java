package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.testing.TestIssuer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL 18 {@code oauth} over TLS with {@code sslmode=verify-full} (the interposer inside pgjdbc's TLS). */
class Postgres18TlsOAuthLoginTest extends Postgres18OAuthCases {

  @Override
  String vendorUrl() {
    return SERVER.verifiedTlsVendorUrl();
  }

  @Test
  void theSessionIsEncrypted() throws Exception {
    String user = newUser();
    createUser(user);
    try (Connection c = DriverManager.getConnection("jdbc:jwt:" + vendorUrl(), signedBy(TestIssuer.shared(), user));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBoolean(1)).isTrue();
    }
  }
}
