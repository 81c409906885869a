package dev.jdbcjwt.testing.postgres;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

  private static final String HOST = "127.0.0.1";
  private static final int PORT_ATTEMPTS = 3;

  private static PostgresServer shared;
  private static RuntimeException sharedFailure;

  private final JwtLdapBridge bridge;
  private final DataDirectory dir;
  private volatile PostgresProcess process;
  private final int port;
  private final Thread shutdownHook;
  private boolean closed;

  private PostgresServer(JwtLdapBridge bridge, DataDirectory dir, PostgresProcess process, int port) {
    this.bridge = bridge;
    this.dir = dir;
    this.process = process;
    this.port = port;
    this.shutdownHook = new Thread(this::stop, "postgres-server-stop-" + port);
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
      for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
        int port = freePort();
        process = PostgresProcess.launch(account, binaries, dir, port);
        if (process.awaitReady(properties -> adminConnect(port, "postgres", properties))) {
          PostgresServer server = new PostgresServer(bridge, dir, process, port);
          server.createDatabase();
          Runtime.getRuntime().addShutdownHook(server.shutdownHook);
          return server;
        }
      }
      throw process.failure("no free port after " + PORT_ATTEMPTS + " attempts", null);
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
  public static synchronized PostgresServer shared() {
    if (shared == null && sharedFailure == null) {
      try {
        shared = start(TestIssuer.shared().trustPolicy());
      } catch (RuntimeException e) {
        sharedFailure = e;
      }
    }
    if (sharedFailure != null) {
      throw new IllegalStateException("the shared PostgreSQL test server did not start: "
          + sharedFailure.getMessage(), sharedFailure);
    }
    return shared;
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
    return adminConnect(port, DATABASE, new Properties());
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
    if (!next.awaitReady(properties -> adminConnect(port, "postgres", properties))) {
      throw next.failure("port " + port + " was taken while the server restarted", null);
    }
    return java.time.Duration.ofNanos(System.nanoTime() - start);
  }

  /** Stops the server, deletes its files and closes the LDAP bridge. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs (or ran) stop() itself
    }
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
    try (Connection c = adminConnect(port, "postgres", new Properties()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + quoteIdentifier(DATABASE));
    } catch (SQLException e) {
      throw process.failure("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  private static Connection adminConnect(int port, String database, Properties extra) throws SQLException {
    Properties properties = new Properties();
    properties.putAll(extra);
    properties.setProperty("user", ADMIN_USER);
    Connection connection = new org.postgresql.Driver()
        .connect("jdbc:postgresql://" + HOST + ":" + port + "/" + database, properties);
    if (connection == null) {
      throw new SQLException("pgjdbc did not accept its own URL", "08001");
    }
    return connection;
  }

  static String quoteIdentifier(String name) {
    if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a PostgreSQL identifier: '" + name + "'");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + HOST, e);
    }
  }

  @Override
  public String toString() {
    return "PostgresServer[" + jdbcUrl() + ", " + bridge + "]";
  }
}
