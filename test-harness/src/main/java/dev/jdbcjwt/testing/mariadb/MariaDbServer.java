package dev.jdbcjwt.testing.mariadb;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private MariaDB server that validates JWTs itself: MariaDB's {@code auth_pam} plugin (with
 * {@code pam_use_cleartext_plugin=ON}) hands the password to a PAM service whose pam_python module
 * ({@code pam_jwt.py}) checks it as a JWT against the {@link TrustPolicy}: signature by one of its public keys,
 * {@code iss}, {@code aud}, {@code exp}, and {@code sub} equal to the login user. Anything else is refused with
 * error 1045, SQLState {@code 28000}; each decision and its reason (never the token) goes to {@link #pamLog()}.
 *
 * <p>The server has its own temporary directory (data, TLS certificate, JWKS, logs), listens on a free port of
 * 127.0.0.1 and on a unix socket in that directory, and has one database, {@value #DATABASE}. Token users are made
 * with {@link #createTokenUser(String)}. Start takes about a second.
 *
 * <h2>Clients</h2>
 * The server asks for {@code mysql_clear_password}, which both Java drivers send only over TLS. The certificate is
 * self-signed, so the client encrypts without verifying it. User = token subject, password = the token:
 * <ul>
 *   <li>MySQL Connector/J: {@code jdbc:mysql://127.0.0.1:<port>/appdb?sslMode=REQUIRED}
 *       ({@link #mysqlConnectorUrl()}). Without TLS it fails with "SSL connection required for plugin
 *       mysql_clear_password".</li>
 *   <li>MariaDB Connector/J: {@code jdbc:mariadb://127.0.0.1:<port>/appdb?sslMode=trust}
 *       ({@link #mariadbConnectorUrl()}). Without TLS it fails with "Cannot use authentication plugin
 *       mysql_clear_password if SSL is not enabled" (SQLState 08000).</li>
 * </ul>
 * Tokens of any length pass (the password travels through auth_pam_tool's pipe, not through a PAM item).
 *
 * <h2>Machine requirements</h2>
 * Debian packages {@code mariadb-server libpam-python python3-jwt python3-cryptography openssl}, and root (a
 * service file is written to {@code /etc/pam.d/jdbcjwt-<random>} and removed again on {@link #close()}). Missing
 * parts make {@link #start} throw {@link MariaDbUnavailableException} naming the packages. MariaDB's
 * {@code auth_pam_tool} (part of mariadb-server) must be present: if it was stripped from the machine, restore it
 * ({@code apt-get install --reinstall mariadb-server}) or name a copy with {@code -Djdbcjwt.mariadb.authPamTool=<file>}
 * or the environment variable {@code JDBCJWT_MARIADB_AUTH_PAM_TOOL}.
 *
 * <p>For debugging while a server runs: {@code mariadb -S <dir>/mariadbd.sock -u root} (root logs in over the
 * socket without a password).
 */
public final class MariaDbServer implements AutoCloseable {

  /** The database every server creates. */
  public static final String DATABASE = "appdb";
  /** The address the server listens on. */
  public static final String HOST = "127.0.0.1";

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(1);

  private static MariaDbServer shared;
  private static RuntimeException sharedFailure;

  private final Path dir;
  private final PamJwtService pam;
  private final MariaDbProcess process;
  private final String adminPassword;
  private final boolean isShared;
  private final Duration startupTime;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread shutdownHook;

  private MariaDbServer(Path dir, PamJwtService pam, MariaDbProcess process, String adminPassword, boolean isShared,
                        Duration startupTime) {
    this.dir = dir;
    this.pam = pam;
    this.process = process;
    this.adminPassword = adminPassword;
    this.isShared = isShared;
    this.startupTime = startupTime;
    this.shutdownHook = new Thread(this::stop, "jdbcjwt-mariadb-stop-" + process.port());
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a new server that trusts {@code policy}. The caller closes it; a server still running when the JVM exits
   * is stopped by a shutdown hook.
   *
   * @throws MariaDbUnavailableException when this machine lacks a package or the rights to run it
   * @throws IllegalStateException when the server does not start (the message holds its error log)
   */
  public static MariaDbServer start(TrustPolicy policy) {
    return start(policy, false);
  }

  /**
   * The server of this JVM that trusts {@link TestIssuer#shared()}, started on first use and stopped when the JVM
   * exits. Its {@link #close()} does nothing, so a test cannot stop it under another. Users created on it stay for
   * the JVM's lifetime: give each test its own user names. A failed start is remembered and rethrown.
   */
  public static synchronized MariaDbServer shared() {
    if (shared == null) {
      if (sharedFailure != null) {
        throw sharedFailure;
      }
      try {
        shared = start(TestIssuer.shared().trustPolicy(), true);
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
    }
    return shared;
  }

  private static MariaDbServer start(TrustPolicy policy, boolean isShared) {
    Objects.requireNonNull(policy, "policy");
    MariaDbInstallation installation = MariaDbInstallation.locate();
    long started = System.nanoTime();
    Path dir = null;
    PamJwtService pam = null;
    MariaDbProcess process = null;
    try {
      dir = Files.createTempDirectory("jdbcjwt-mariadb-");
      Path data = dir.resolve("data");
      installDataDirectory(installation, dir, data);
      SelfSignedCertificate tls = SelfSignedCertificate.create(installation.openssl, dir);
      pam = PamJwtService.install(installation, dir, policy);
      String adminPassword = MariaDbAccounts.randomPassword();
      Path initFile = MariaDbAccounts.writeInitFile(dir, adminPassword);
      MariaDbProcess.Config config = new MariaDbProcess.Config(data, installation.pluginDir(dir),
          dir.resolve("mariadbd.sock"), dir.resolve("error.log"), initFile, tls);
      process = MariaDbProcess.start(installation.mariadbd, config,
          port -> MariaDbAccounts.adminConnection(port, adminPassword, 2_000).close(), START_TIMEOUT);
      Files.deleteIfExists(initFile);
      return new MariaDbServer(dir, pam, process, adminPassword, isShared,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException | RuntimeException e) {
      List<Exception> cleanup = cleanUp(process, pam, dir);
      RuntimeException failure = e instanceof RuntimeException r ? r
          : new UncheckedIOException("cannot prepare the MariaDB test server in " + dir + ": " + e.getMessage(),
              (IOException) e);
      cleanup.forEach(failure::addSuppressed);
      throw failure;
    }
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return process.port();
  }

  public String database() {
    return DATABASE;
  }

  /** The PAM service the token users authenticate through ({@code jdbcjwt-<random>}). */
  public String pamService() {
    return pam.name();
  }

  /**
   * A vendor URL without the {@code jdbc:} prefix and without parameters, e.g. {@code mariadb://127.0.0.1:3307/appdb}
   * for {@code scheme} {@code mariadb}; {@code mysql} gives the same for MySQL Connector/J. Ready for
   * {@code jdbc:jwt:} + url.
   */
  public String vendorUrl(String scheme) {
    if (scheme == null || !scheme.matches("[a-z][a-z0-9+.-]*")) {
      throw new IllegalArgumentException("not a URL scheme: " + scheme);
    }
    return scheme + "://" + HOST + ":" + port() + "/" + DATABASE;
  }

  /** {@code mysql://127.0.0.1:<port>/appdb?sslMode=REQUIRED}: what MySQL Connector/J needs to send a token here. */
  public String mysqlConnectorUrl() {
    return vendorUrl("mysql") + "?sslMode=REQUIRED";
  }

  /** {@code mariadb://127.0.0.1:<port>/appdb?sslMode=trust}: what MariaDB Connector/J needs to send a token here. */
  public String mariadbConnectorUrl() {
    return vendorUrl("mariadb") + "?sslMode=trust";
  }

  /**
   * Creates {@code name@'%'} authenticated by a token whose {@code sub} is {@code name}, with all privileges on
   * {@value #DATABASE}. Does nothing for a user that exists.
   *
   * @param name letters, digits and underscores, at most 64
   */
  public void createTokenUser(String name) throws SQLException {
    MariaDbAccounts.requireTokenUserName(name);
    try (Connection c = adminConnection()) {
      MariaDbAccounts.createTokenUser(c, name, pam.name());
    }
  }

  /**
   * A new connection with all privileges (a password user on 127.0.0.1, through MariaDB Connector/J), for setting
   * up schemas, users and checks. The caller closes it.
   */
  public Connection adminConnection() throws SQLException {
    return MariaDbAccounts.adminConnection(port(), adminPassword, 10_000);
  }

  /** The PAM module's decision log: one line per login attempt, with the reason, never the token. */
  public Path pamLog() {
    return pam.log();
  }

  /** Every decision in {@link #pamLog()}, oldest first. */
  public List<PamDecision> pamDecisions() {
    return pam.decisions();
  }

  /** The latest decision about {@code user}, e.g. to assert why a token was refused. */
  public Optional<PamDecision> lastPamDecision(String user) {
    List<PamDecision> all = pamDecisions();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).user().equals(user)) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /** The server's error log (startup, warnings such as "Access denied for user ..."). */
  public Path errorLog() {
    return dir.resolve("error.log");
  }

  /** How long {@link #start} took, from the data directory to the first successful connection. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL after 20 s), removes its pam.d file and deletes its directory. Does
   * nothing for the {@link #shared()} server, which stops when the JVM exits.
   */
  @Override
  public void close() {
    if (isShared) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs (or ran) stop() itself
    }
    stop();
  }

  @Override
  public String toString() {
    return "MariaDbServer[" + HOST + ":" + port() + ", pam service " + pam.name() + ", " + dir + "]";
  }

  private void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    List<Exception> problems = cleanUp(process, pam, dir);
    if (!problems.isEmpty()) {
      IllegalStateException e = new IllegalStateException("the MariaDB test server in " + dir
          + " was not cleaned up completely");
      problems.forEach(e::addSuppressed);
      throw e;
    }
  }

  private static List<Exception> cleanUp(MariaDbProcess process, PamJwtService pam, Path dir) {
    List<Exception> problems = new ArrayList<>();
    if (process != null) {
      process.stop();
    }
    if (pam != null) {
      try {
        pam.close();
      } catch (IOException e) {
        problems.add(e);
      }
    }
    if (dir != null) {
      try {
        Directories.deleteRecursively(dir);
      } catch (IOException e) {
        problems.add(e);
      }
    }
    return problems;
  }

  private static void installDataDirectory(MariaDbInstallation installation, Path dir, Path data) {
    Commands.Result result = Commands.run(dir, INSTALL_TIMEOUT, List.of(
        installation.installDb.toString(),
        "--no-defaults",
        "--datadir=" + data,
        "--user=root",
        "--auth-root-authentication-method=socket",
        "--skip-test-db"));
    if (!result.ok()) {
      throw new IllegalStateException("mariadb-install-db failed (exit " + result.exitCode() + "):\n"
          + result.output());
    }
  }
}
