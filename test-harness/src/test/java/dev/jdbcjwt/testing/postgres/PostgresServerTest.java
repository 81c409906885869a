package dev.jdbcjwt.testing.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jdbcjwt.testing.TestIssuer;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The shared private PostgreSQL server, logged into with plain pgjdbc: the database itself judges each token. */
class PostgresServerTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();
  private static final String ALICE = "alice_" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOB = "bob_" + UUID.randomUUID().toString().substring(0, 8);

  private static PostgresServer server;

  @BeforeAll
  static void startServer() {
    server = PostgresServer.shared();
    server.createTokenUser(ALICE);
    server.createTokenUser(BOB);
  }

  @Test
  void describesItself() {
    assertThat(server.host()).isEqualTo("127.0.0.1");
    assertThat(server.database()).isEqualTo("appdb");
    assertThat(server.vendorUrl()).isEqualTo("postgresql://127.0.0.1:" + server.port() + "/appdb");
    assertThat(server.jdbcUrl()).isEqualTo("jdbc:" + server.vendorUrl());
    assertThat(PostgresServer.shared()).isSameAs(server);
  }

  @Test
  void aValidTokenLogsInAsItsSubject() throws SQLException {
    long before = server.ldapBridge().successfulBinds(ALICE);
    try (Connection c = connect(ALICE, ISSUER.mint(ALICE)); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select current_user")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(ALICE);
      }
      String table = "t_" + UUID.randomUUID().toString().replace("-", "");
      s.execute("create table " + table + " (id int)");
      s.execute("insert into " + table + " values (42)");
      try (ResultSet rs = s.executeQuery("select id from " + table)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
    assertThat(server.ldapBridge().successfulBinds(ALICE)).isEqualTo(before + 1);
  }

  @Test
  void aLargeTokenPasses() throws SQLException {
    String token = ISSUER.mint(BOB, b -> b.claim("padding", "x".repeat(2_000)));
    assertThat(token.length()).isGreaterThan(2_500);
    try (Connection c = connect(BOB, token); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(BOB);
    }
  }

  static Stream<Arguments> refusedTokens() {
    TestIssuer stranger = TestIssuer.generate(ISSUER.issuer(), ISSUER.audience());
    return Stream.of(
        Arguments.of("signed by another key", (BiFunction<String, String, String>) (user, other) -> stranger.mint(user),
            "untrusted signature"),
        Arguments.of("wrong audience", (BiFunction<String, String, String>) (user, other) ->
            ISSUER.mint(user, b -> b.audience("another-db")), "aud claim"),
        Arguments.of("wrong issuer", (BiFunction<String, String, String>) (user, other) ->
            ISSUER.mint(user, b -> b.issuer("https://elsewhere.test")), "iss claim"),
        Arguments.of("expired", (BiFunction<String, String, String>) (user, other) ->
            ISSUER.mint(user, b -> b.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(2))))),
            "Expired JWT"),
        Arguments.of("for another user", (BiFunction<String, String, String>) (user, other) -> ISSUER.mint(other),
            "sub claim"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void theDatabaseRefuses(String why, BiFunction<String, String, String> mint, String expectedReason) {
    String token = mint.apply(ALICE, BOB);
    long failedBefore = server.ldapBridge().failedBinds(ALICE);
    long succeededBefore = server.ldapBridge().successfulBinds(ALICE);

    SQLException refused = catchThrowableOfType(SQLException.class, () -> connect(ALICE, token).close());

    assertThat((Throwable) refused).as(why).isNotNull();
    assertThat(refused.getSQLState()).isEqualTo("28000");
    assertThat(refused.getMessage()).contains("LDAP authentication failed").doesNotContain(token);
    assertThat(server.ldapBridge().failedBinds(ALICE)).isEqualTo(failedBefore + 1);
    assertThat(server.ldapBridge().successfulBinds(ALICE)).isEqualTo(succeededBefore);
    assertThat(server.ldapBridge().lastRejection(ALICE)).hasValueSatisfying(reason ->
        assertThat(reason).contains(expectedReason).doesNotContain(token));
    // PostgreSQL logs the bridge's diagnostic ("LDAP diagnostics: ...") with the failure
    assertThat(server.dataDirectory().logTail(20)).contains("LDAP diagnostics: ").doesNotContain(token);
  }

  @Test
  void refusedLoginsAreRetriedUnderSslPrefer() {
    Properties prefer = credentials(ALICE, ISSUER.mint(BOB));
    prefer.setProperty("sslmode", "prefer");
    long failedBefore = server.ldapBridge().failedBinds(ALICE);

    SQLException refused = catchThrowableOfType(SQLException.class,
        () -> DriverManager.getConnection(server.jdbcUrl(), prefer).close());

    assertThat(refused.getSQLState()).isEqualTo("28000");
    assertThat(server.ldapBridge().failedBinds(ALICE)).isEqualTo(failedBefore + 2);
  }

  @Test
  void anUnknownRoleIsRefusedEvenWithAValidToken() {
    String stranger = "nobody_" + UUID.randomUUID().toString().substring(0, 8);
    SQLException refused = catchThrowableOfType(SQLException.class,
        () -> connect(stranger, ISSUER.mint(stranger)).close());
    assertThat((Throwable) refused).isNotNull();
    assertThat(refused.getSQLState()).startsWith("28");
  }

  @Test
  void createTokenUserIsIdempotent() throws SQLException {
    server.createTokenUser(ALICE);
    server.createTokenUser("Mixed \"Case\" User");
    try (Connection c = server.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_roles where rolname in ('" + ALICE
            + "', 'Mixed \"Case\" User')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
    String odd = "Mixed \"Case\" User";
    try (Connection c = connect(odd, ISSUER.mint(odd)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(odd);
    }
  }

  @Test
  void theAdminNeedsNoPassword() throws SQLException {
    try (Connection c = server.adminConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user, current_database()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(PostgresServer.ADMIN_USER);
      assertThat(rs.getString(2)).isEqualTo(server.database());
    }
  }

  @Test
  void startsPrivateServersAndCleansUpAfterThem() throws Exception {
    TestIssuer own = TestIssuer.generate("https://own.test", "own-db");
    PostgresServer mine = PostgresServer.start(own.trustPolicy());
    JwtLdapBridge bridge = mine.ldapBridge();
    Path files = mine.dataDirectory().base();
    try {
      assertThat(mine.port()).isNotEqualTo(server.port());
      mine.createTokenUser("carol");
      try (Connection c = DriverManager.getConnection(mine.jdbcUrl(), credentials("carol", own.mint("carol")))) {
        assertThat(c.isValid(2)).isTrue();
      }
      SQLException refused = catchThrowableOfType(SQLException.class,
          () -> DriverManager.getConnection(mine.jdbcUrl(), credentials("carol", ISSUER.mint("carol"))).close());
      assertThat(refused.getSQLState()).isEqualTo("28000");
      assertThat(bridge.successfulBinds()).isEqualTo(1);
      assertThat(bridge.failedBinds()).isEqualTo(1);
    } finally {
      mine.close();
    }
    assertThat(mine.isRunning()).isFalse();
    assertThat(files).doesNotExist();
    assertThatThrownBy(() -> DriverManager.getConnection(mine.jdbcUrl() + "?connectTimeout=2",
        credentials("carol", own.mint("carol"))).close()).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> new Socket(bridge.host(), bridge.port()).close())
        .isInstanceOf(IOException.class);
    mine.close(); // twice is fine
  }

  @Test
  void aRestartDisconnectsSessionsKeepsDataAndPortAndAcceptsLoginsAgain() throws Exception {
    TestIssuer own = TestIssuer.generate("https://restart.test", "restart-db");
    try (PostgresServer mine = PostgresServer.start(own.trustPolicy())) {
      mine.createTokenUser("dave");
      Connection before = DriverManager.getConnection(mine.jdbcUrl(), credentials("dave", own.mint("dave")));
      try (Statement s = before.createStatement()) {
        s.execute("CREATE TABLE kept(v int)");
        s.execute("INSERT INTO kept VALUES (42)");
      }
      int port = mine.port();
      java.time.Duration down = mine.restart();
      assertThat(down).isPositive();
      assertThat(mine.port()).isEqualTo(port);
      assertThat(before.isValid(2)).isFalse();
      before.close();
      try (Connection after = DriverManager.getConnection(mine.jdbcUrl(), credentials("dave", own.mint("dave")));
          Statement s = after.createStatement();
          java.sql.ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void missingBinariesSayWhatToInstall() {
    String previous = System.getProperty(PostgresBinaries.BIN_DIR_PROPERTY);
    System.setProperty(PostgresBinaries.BIN_DIR_PROPERTY, "/nonexistent/postgresql/bin");
    try {
      assertThatThrownBy(() -> PostgresServer.start(ISSUER.trustPolicy()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("apt-get install postgresql");
    } finally {
      restore(previous);
    }
  }

  @Test
  void aServerThatDoesNotStartReportsItsLogAndLeavesNothingBehind(@TempDir Path scratch) throws IOException {
    Path realBin = PostgresBinaries.locate().binDir();
    Path fakeBin = Files.createDirectories(scratch.resolve("bin"));
    script(fakeBin.resolve("initdb"), "exec " + realBin.resolve("initdb") + " \"$@\"");
    script(fakeBin.resolve("pg_ctl"), "exec " + realBin.resolve("pg_ctl") + " \"$@\"");
    script(fakeBin.resolve("postgres"), "echo 'FATAL:  simulated startup failure' >&2; exit 1");
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    Set<Path> before = privateServerDirectories();
    String previous = System.getProperty(PostgresBinaries.BIN_DIR_PROPERTY);
    System.setProperty(PostgresBinaries.BIN_DIR_PROPERTY, fakeBin.toString());
    try {
      assertThatThrownBy(() -> PostgresServer.start(ISSUER.trustPolicy()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code 1 during startup")
          .hasMessageContaining("Server log tail")
          .hasMessageContaining("simulated startup failure");
    } finally {
      restore(previous);
    }
    assertThat(privateServerDirectories()).isSubsetOf(before);
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static Set<Path> privateServerDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(Path.of("/tmp"))) {
      return entries.filter(p -> p.getFileName().toString().startsWith("jdbcjwt-pg-")).collect(Collectors.toSet());
    }
  }

  private static void restore(String previousBinDir) {
    if (previousBinDir == null) {
      System.clearProperty(PostgresBinaries.BIN_DIR_PROPERTY);
    } else {
      System.setProperty(PostgresBinaries.BIN_DIR_PROPERTY, previousBinDir);
    }
  }

  private static Connection connect(String user, String token) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), credentials(user, token));
  }

  private static Properties credentials(String user, String token) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", token);
    // pgjdbc's default sslmode=prefer repeats a login refused with 28000 (see refusedLoginsAreRetriedUnderSslPrefer)
    properties.setProperty("sslmode", "disable");
    return properties;
  }
}
