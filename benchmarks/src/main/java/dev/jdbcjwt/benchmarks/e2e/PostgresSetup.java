package dev.jdbcjwt.benchmarks.e2e;

import com.nimbusds.jose.jwk.JWKSet;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.PostgresServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The harness's private PostgreSQL server (its {@code pg_hba.conf} sends every login but the admin's to the
 * JWT-validating LDAP bridge) and the identity provider, run by {@link ServerMain} in a JVM of its own, with three
 * roles:
 * <ul>
 *   <li>{@value #TOKEN_USER}: a token user, checked by the database (ldap bind, JWT signature, issuer, audience,
 *       expiry, subject);</li>
 *   <li>{@value #TRUST_USER}: {@code trust}, no credential check, so that only client-side work differs between
 *       drivers (and the AWS wrapper's IAM plugin, whose SigV4 tokens nothing here can check, can log in);</li>
 *   <li>{@value #SCRAM_USER}: a static password checked with {@code scram-sha-256}, what applications use today.</li>
 * </ul>
 * The last two get {@code pg_hba.conf} lines of their own, written through the superuser connection.
 */
final class PostgresSetup {

  static final String TOKEN_USER = "bench_token";
  static final String TRUST_USER = "bench_trust";
  static final String SCRAM_USER = "bench_scram";
  static final String SCRAM_PASSWORD = "bench-static-password-41d2";
  private static final String HOST = "127.0.0.1";

  private final Process process;
  private final int port;
  private final Idp idp;
  private final TrustPolicy trust;

  private PostgresSetup(Process process, int port, Idp idp, TrustPolicy trust) {
    this.process = process;
    this.port = port;
    this.idp = idp;
    this.trust = trust;
  }

  /** Starts {@link ServerMain} and waits for it; then adds the roles. */
  static PostgresSetup start() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        ServerMain.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      JWKSet keys = null;
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("JWKS ")) {
          keys = JWKSet.parse(line.substring("JWKS ".length()));
        } else if (line.startsWith("READY ") && keys != null) {
          String[] ports = line.substring("READY ".length()).trim().split(" ");
          PostgresSetup setup = new PostgresSetup(process, Integer.parseInt(ports[0]),
              new Idp(Integer.parseInt(ports[1])),
              new TrustPolicy(keys, TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE));
          setup.prepare();
          return setup;
        }
      }
      throw new IOException("the server process ended before it was ready (see its output above)");
    } catch (Exception e) {
      process.destroy();
      throw e;
    }
  }

  /** The identity provider, in the server process. */
  Idp idp() {
    return idp;
  }

  /** What the server process's issuer signs with (public keys), for the MariaDB server. */
  TrustPolicy trustPolicy() {
    return trust;
  }

  private void prepare() throws SQLException, InterruptedException {
    try (Connection c = adminConnection(); Statement s = c.createStatement()) {
      for (String user : List.of(TOKEN_USER, TRUST_USER, SCRAM_USER)) {
        s.execute("CREATE ROLE " + user + " LOGIN");
        s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + PostgresServer.DATABASE + " TO " + user);
        s.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + user);
      }
      s.execute("ALTER ROLE " + SCRAM_USER + " PASSWORD '" + SCRAM_PASSWORD + "'");
      String hbaFile;
      String current;
      try (ResultSet rs = s.executeQuery("SELECT current_setting('hba_file'), "
          + "pg_read_file(current_setting('hba_file'))")) {
        rs.next();
        hbaFile = rs.getString(1);
        current = rs.getString(2);
      }
      List<String> lines = new ArrayList<>();
      lines.add("# added by dev.jdbcjwt.benchmarks: reference roles, before the rules for everybody else");
      lines.add("host all " + TRUST_USER + " 127.0.0.1/32 trust");
      lines.add("host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256");
      lines.addAll(List.of(current.split("\n")));
      StringBuilder array = new StringBuilder();
      for (String line : lines) {
        array.append(array.length() == 0 ? "" : ",").append('\'').append(line.replace("'", "''")).append('\'');
      }
      s.execute("COPY (SELECT l FROM unnest(ARRAY[" + array + "]::text[]) WITH ORDINALITY AS t(l, n) ORDER BY n) TO '"
          + hbaFile.replace("'", "''") + "'");
      s.execute("SELECT pg_reload_conf()");
    }
    awaitTrustLogin();
  }

  private Connection adminConnection() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", PostgresServer.ADMIN_USER);
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  private void awaitTrustLogin() throws InterruptedException, SQLException {
    Properties p = new Properties();
    p.setProperty("user", TRUST_USER);
    SQLException last = null;
    for (int i = 0; i < 100; i++) {
      try {
        DriverManager.getConnection(jdbcUrl(), p).close();
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(50);
      }
    }
    throw new SQLException("PostgreSQL did not take the benchmark's pg_hba.conf lines: " + last.getMessage(), last);
  }

  /** {@code postgresql://127.0.0.1:<port>/appdb}. */
  String vendorUrl() {
    return "postgresql://" + HOST + ":" + port + "/" + PostgresServer.DATABASE;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/appdb?sslmode=disable}: every variant connects without TLS. */
  String jdbcUrl() {
    return "jdbc:" + vendorUrl() + "?sslmode=disable";
  }

  /** The same URL for another driver: {@code jdbc:<scheme>:postgresql://…?sslmode=disable}. */
  String url(String scheme) {
    return "jdbc:" + scheme + ":" + vendorUrl() + "?sslmode=disable";
  }

  String version() {
    try (Connection c = adminConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1);
    } catch (SQLException e) {
      return "PostgreSQL (version unknown: " + e.getMessage() + ")";
    }
  }

  /** Stops the server: its process closes it when its standard input closes. */
  void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (IOException e) {
      process.destroy();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
    }
  }
}
