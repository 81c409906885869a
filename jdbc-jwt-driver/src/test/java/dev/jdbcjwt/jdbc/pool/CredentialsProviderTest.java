package dev.jdbcjwt.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.hikari.JwtCredentialsProvider;
import dev.jdbcjwt.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HikariCP 7's credentials provider with a plain pgjdbc URL: the token arrives as Hikari's password. */
class CredentialsProviderTest {

  @Test
  void aPlainVendorUrlLogsInWithTokensFromTheProvider() throws Exception {
    String user = HikariExpiryTest.newUser();
    TestIssuer issuer = TestIssuer.shared();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(HikariExpiryTest.SERVER.jdbcUrl() + "?sslmode=disable");
    config.setCredentialsProvider(JwtCredentialsProvider.of(user, Map.of("jwt.provider", "signed",
        "jwt.signingKey", issuer.privateKeyPem(), "jwt.keyId", issuer.keyId(), "jwt.issuer", issuer.issuer(),
        "jwt.audience", issuer.audience())));
    config.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(config); Connection c = ds.getConnection();
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_user")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(user);
    }
  }

  @Test
  void badOptionsFailWhenTheProviderIsBuilt() {
    assertThatThrownBy(() -> JwtCredentialsProvider.of("app", Map.of("jwt.provider", "signed", "jwt.ttl", "x")))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        .hasMessageContaining("jwt.ttl");
  }
}
