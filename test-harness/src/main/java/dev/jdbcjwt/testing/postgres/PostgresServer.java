package dev.jdbcjwt.testing.postgres;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A private PostgreSQL server (Debian's packages) that validates JWTs itself: own data directory, free port on
 * 127.0.0.1, and {@code pg_hba.conf} sending every login but the admin's to a {@link JwtLdapBridge}, so the
 * database refuses a token with a bad signature, wrong issuer or audience, an expired one, or one for another user.
 *
 * <p>Clients log in with {@code user=<token subject>} and {@code password=<token>}; the role must exist
 * ({@link #createTokenUser}). The admin superuser {@value #ADMIN_USER} logs in without a password, for setup.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String ADMIN_USER = "jwt_admin";
  public static final String DATABASE = "appdb";

  private static final String HOST = ServerLaunch.HOST;
  private static final ServerLaunch.Shared<PostgresServer> SHARED =
      new ServerLaunch.Shared<>("PostgreSQL test server", () -> start(TestIssuer.shared().trustPolicy()));

  private final JwtLdapBridge bridge;
  private final DataDirectory dir;
  private volatile PostgresProcess process;
  private final int port;
  private Thread shutdownHook;
  private boolean closed;

  private PostgresServer(JwtLdapBridge bridge, DataDirectory dir, ServerLaunch.Launched launched) {
    this.bridge = bridge;
    this.dir = dir;
    this.process = launched.process();
    this.port = launched.port();
  }

  /**
   * Starts a private server trusting {@code policy}: the LDAP bridge, initdb, the server, database
   * {@value #DATABASE}. Throws with what to install when the PostgreSQL binaries are missing, and with the server
   * log tail when the server does not come up.
   */
  public static PostgresServer start(TrustPolicy policy) {
    PostgresBinaries binaries = PostgresBinaries.locate();
    ServerAccount account = ServerAccount.detect();
    JwtLdapBridge bridge = JwtLdapBridge.start(policy);
    DataDirectory dir = null;
    PostgresProcess process = null;
    try {
      dir = DataDirectory.initialize(account, binaries, ADMIN_USER);
      dir.writeHba(HbaRules.render(ADMIN_USER, bridge.host(), bridge.port()));
      ServerLaunch.Launched launched = ServerLaunch.onFreePort(account, binaries, dir, List.of());
      process = launched.process();
      PostgresServer server = new PostgresServer(bridge, dir, launched);
      server.createDatabase();
      server.shutdownHook = ServerLaunch.stopOnExit(server::stop, "postgres-server-stop-" + server.port);
      return server;
    } catch (RuntimeException e) {
      if (process != null) {
        process.stop();
      }
      if (dir != null) {
        dir.delete();
      }
      bridge.close();
      throw e;
    }
  }

  /**
   * The server of this JVM trusting {@link TestIssuer#shared()}: started on first use, stopped by a shutdown hook.
   * A failed start is remembered and rethrown, not retried.
   */
  public static PostgresServer shared() {
    return SHARED.get();
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public String database() {
    return DATABASE;
  }

  /** {@code postgresql://127.0.0.1:<port>/appdb}: the vendor URL without {@code jdbc:}. */
  public String vendorUrl() {
    return "postgresql://" + HOST + ":" + port + "/" + DATABASE;
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/appdb}. */
  public String jdbcUrl() {
    return "jdbc:" + vendorUrl();
  }

  public JwtLdapBridge ldapBridge() {
    return bridge;
  }

  /** A superuser connection to {@value #DATABASE} (trust, no password), for setup and inspection. */
  public Connection adminConnection() throws SQLException {
    return ServerLaunch.adminConnect(port, DATABASE, new Properties());
  }

  /**
   * Creates login role {@code name} (a token's subject) if it does not exist and lets it connect to
   * {@value #DATABASE}, use and create in schema {@code public}. Idempotent.
   */
  public synchronized void createTokenUser(String name) {
    try {
      TokenRoles.create(adminConnection(), DATABASE, name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create token user '" + name + "': " + e.getMessage(), e);
    }
  }

  /**
   * Restarts the server on the same port and data directory, as an operator's restart does: {@code pg_ctl stop -m
   * fast} (every session is disconnected), then a new server process; returns once it accepts logins again.
   *
   * @return how long the server was down
   */
  public synchronized java.time.Duration restart() {
    if (closed) {
      throw new IllegalStateException("the server is closed");
    }
    long start = System.nanoTime();
    process.stop("fast");
    PostgresProcess next = PostgresProcess.launch(ServerAccount.detect(), PostgresBinaries.locate(), dir, port);
    process = next;
    if (!next.awaitReady(properties -> ServerLaunch.adminConnect(port, "postgres", properties))) {
      throw next.failure("port " + port + " was taken while the server restarted", null);
    }
    return java.time.Duration.ofNanos(System.nanoTime() - start);
  }

  /** Stops the server, deletes its files and closes the LDAP bridge. */
  @Override
  public void close() {
    ServerLaunch.cancel(shutdownHook);
    stop();
  }

  boolean isRunning() {
    return process.isAlive();
  }

  DataDirectory dataDirectory() {
    return dir;
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.stop();
      dir.delete();
    } finally {
      bridge.close();
    }
  }

  private void createDatabase() {
    try (Connection c = ServerLaunch.adminConnect(port, "postgres", new Properties());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + quoteIdentifier(DATABASE));
    } catch (SQLException e) {
      throw process.failure("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  static String quoteIdentifier(String name) {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a PostgreSQL identifier: '" + name + "'");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + ", " + bridge + "]";
  }
}
