package dev.jdbcjwt.testing.mariadb;

import dev.jdbcjwt.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Life cycle of a private server: what it sets up, whom it trusts, and that close() leaves nothing behind. */
class MariaDbServerTest {

  @Test
  void aPrivateServerTrustsOnlyItsOwnIssuerAndCleansUpOnClose() throws Exception {
    TestIssuer issuer = TestIssuer.generate("https://private.issuer.test", "private-db");
    MariaDbServer server = MariaDbServer.start(issuer.trustPolicy());
    Path pamFile = Path.of("/etc/pam.d", server.pamService());
    Path dir = server.pamLog().getParent();
    int port = server.port();
    try {
      assertThat(server.pamService()).matches("jdbcjwt-[0-9a-f]{12}");
      assertThat(pamFile).exists();
      assertThat(Files.readString(pamFile)).contains("pam_python.so", "iss=https://private.issuer.test",
          "aud=private-db");
      assertThat(server.vendorUrl("mariadb")).isEqualTo("mariadb://127.0.0.1:" + port + "/appdb");
      assertThat(server.mysqlConnectorUrl()).isEqualTo("mysql://127.0.0.1:" + port + "/appdb?sslMode=REQUIRED");
      assertThat(server.mariadbConnectorUrl()).isEqualTo("mariadb://127.0.0.1:" + port + "/appdb?sslMode=trust");
      assertThat(Files.readString(dir.resolve("jwks.json"))).contains(issuer.keyId()).doesNotContain("\"d\"");
      assertThat(dir.resolve("init.sql")).as("the admin password does not stay on disk").doesNotExist();

      try (Connection admin = server.adminConnection(); Statement s = admin.createStatement()) {
        assertThat(count(s, "SELECT COUNT(*) FROM mysql.user WHERE User = ''")).isZero();
        assertThat(count(s, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'appdb'"))
            .isEqualTo(1);
        assertThat(count(s, "SELECT COUNT(*) FROM information_schema.PLUGINS"
            + " WHERE PLUGIN_NAME = 'pam' AND PLUGIN_STATUS = 'ACTIVE'")).isEqualTo(1);
        assertThat(string(s, "SELECT @@pam_use_cleartext_plugin")).isEqualTo("1");
        assertThat(string(s, "SELECT @@have_ssl")).isEqualTo("YES");
      }

      server.createTokenUser("alice");
      server.createTokenUser("alice");
      try (Connection c = Client.MARIADB_CONNECTOR_J.connect(server, "alice", issuer.mint("alice"));
           Statement s = c.createStatement()) {
        assertThat(string(s, "SELECT CURRENT_USER()")).isEqualTo("alice@%");
      }
      SQLException refused = catchThrowableOfType(SQLException.class,
          () -> Client.MARIADB_CONNECTOR_J.connect(server, "alice", TestIssuer.shared().mint("alice")).close());
      assertThat((Throwable) refused).isNotNull();
      assertThat(refused.getSQLState()).isEqualTo("28000");
      assertThat(server.lastPamDecision("alice")).hasValueSatisfying(d -> assertThat(d.accepted()).isFalse());
    } finally {
      server.close();
    }

    assertThat(pamFile).doesNotExist();
    assertThat(dir).doesNotExist();
    assertThat(portIsOpen(port)).isFalse();
    server.close(); // idempotent
  }

  @Test
  void theSharedServerIsOneInstanceThatCloseDoesNotStop() throws Exception {
    MariaDbServer shared = MariaDbServer.shared();
    shared.close();

    assertThat(MariaDbServer.shared()).isSameAs(shared);
    try (Connection admin = shared.adminConnection()) {
      assertThat(admin.isValid(5)).isTrue();
    }
  }

  @Test
  void tokenUserNamesAreCheckedBeforeTheyReachSql() {
    MariaDbServer shared = MariaDbServer.shared();
    assertThatThrownBy(() -> shared.createTokenUser("bob'@'%"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> shared.vendorUrl("jdbc:mysql"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String string(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static boolean portIsOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
