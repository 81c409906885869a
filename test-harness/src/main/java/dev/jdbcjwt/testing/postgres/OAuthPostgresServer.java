package dev.jdbcjwt.testing.postgres;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.mariadb.SelfSignedCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * A private PostgreSQL 18 server that validates bearer tokens itself through its native {@code oauth} method (SASL
 * OAUTHBEARER): the test validator module hands each token to an {@link OAuthValidatorBridge}, so the database refuses
 * a token with a bad signature, wrong issuer or audience, an expired one, or one for another role. TLS with a
 * certificate for 127.0.0.1 ({@link #rootCertificate()}, for {@code sslmode=verify-full}); {@code hostssl} and
 * {@code hostnossl} lines both use {@code oauth}.
 *
 * <p>The admin superuser {@value PostgresServer#ADMIN_USER} logs in by {@code trust}, for setup. Role
 * {@value #SCRAM_USER} logs in with SCRAM (password {@value #SCRAM_PASSWORD}) and role {@value #TRUST_USER} by
 * {@code trust}, for comparisons.
 */
public final class OAuthPostgresServer implements AutoCloseable {

  public static final String SCOPE = "openid";
  public static final String SCRAM_USER = "scram_user";
  public static final String SCRAM_PASSWORD = "scram-password-for-tests";
  public static final String TRUST_USER = "trust_user";

  private static final String HOST = ServerLaunch.HOST;
  private static final String DATABASE = PostgresServer.DATABASE;
  private static final ServerLaunch.Shared<OAuthPostgresServer> SHARED =
      new ServerLaunch.Shared<>("PostgreSQL 18 test server", () -> start(TestIssuer.shared().trustPolicy()));

  private final OAuthValidatorBridge bridge;
  private final DataDirectory dir;
  private final PostgresProcess process;
  private final int port;
  private final Path rootCertificate;
  private Thread shutdownHook;
  private boolean closed;

  private OAuthPostgresServer(OAuthValidatorBridge bridge, DataDirectory dir, ServerLaunch.Launched launched,
      Path rootCertificate) {
    this.bridge = bridge;
    this.dir = dir;
    this.process = launched.process();
    this.port = launched.port();
    this.rootCertificate = rootCertificate;
  }

  /** Starts a private PostgreSQL 18 trusting {@code policy}: binaries, initdb, TLS, validator bridge, server. */
  public static OAuthPostgresServer start(TrustPolicy policy) {
    PostgresBinaries binaries = Postgres18Binaries.locate();
    ServerAccount account = ServerAccount.detect();
    DataDirectory dir = DataDirectory.initialize(account, binaries, PostgresServer.ADMIN_USER);
    OAuthValidatorBridge bridge = null;
    PostgresProcess process = null;
    try {
      SelfSignedCertificate tls = SelfSignedCertificate.create(Path.of("openssl"), dir.base());
      Files.setPosixFilePermissions(tls.privateKey(), PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(tls.certificate(), PosixFilePermissions.fromString("rw-r--r--"));
      account.own(dir.base());
      bridge = OAuthValidatorBridge.start(dir.data(), account, policy);
      dir.writeHba(hba(policy.issuer()));
      List<String> settings = List.of("ssl=on", "ssl_cert_file=" + tls.certificate(),
          "ssl_key_file=" + tls.privateKey(), "oauth_validator_libraries=" + Postgres18Binaries.VALIDATOR,
          "password_encryption=scram-sha-256");
      ServerLaunch.Launched launched = ServerLaunch.onFreePort(account, binaries, dir, settings);
      process = launched.process();
      OAuthPostgresServer server = new OAuthPostgresServer(bridge, dir, launched, tls.certificate());
      server.prepare();
      server.shutdownHook = ServerLaunch.stopOnExit(server::stop, "postgres18-server-stop-" + server.port);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the PostgreSQL 18 server in " + dir.base(), e);
    } catch (RuntimeException e) {
      if (process != null) {
        process.stop();
      }
      if (bridge != null) {
        bridge.close();
      }
      dir.delete();
      throw e;
    }
  }

  /** The PostgreSQL 18 server of this JVM trusting {@link TestIssuer#shared()}; a failed start is remembered. */
  public static OAuthPostgresServer shared() {
    return SHARED.get();
  }

  static String hba(String issuer) {
    String oauth = "oauth issuer=\"" + issuer + "\" scope=\"" + SCOPE + "\"";
    String admin = PostgresServer.ADMIN_USER;
    return String.join("\n",
        "# written by dev.jdbcjwt.testing.postgres.OAuthPostgresServer",
        "local      all  " + admin + "  trust",
        "host       all  " + admin + "  127.0.0.1/32  trust",
        "host       all  " + TRUST_USER + "  127.0.0.1/32  trust",
        "host       all  " + SCRAM_USER + "  127.0.0.1/32  scram-sha-256",
        "hostssl    all  all  127.0.0.1/32  " + oauth,
        "hostnossl  all  all  127.0.0.1/32  " + oauth,
        "");
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** {@code postgresql://127.0.0.1:<port>/appdb}: the vendor URL without {@code jdbc:} and without TLS settings. */
  public String vendorUrl() {
    return "postgresql://" + HOST + ":" + port + "/" + DATABASE;
  }

  /** The vendor URL with {@code sslmode=verify-full} against {@link #rootCertificate()}. */
  public String verifiedTlsVendorUrl() {
    return vendorUrl() + "?sslmode=verify-full&sslrootcert=" + rootCertificate;
  }

  /** The vendor URL of the plain (hostnossl) path: {@code sslmode=disable}. */
  public String plainVendorUrl() {
    return vendorUrl() + "?sslmode=disable";
  }

  /** The server's self-signed certificate (PEM), to trust it as a root. */
  public Path rootCertificate() {
    return rootCertificate;
  }

  public OAuthValidatorBridge validatorBridge() {
    return bridge;
  }

  /** A superuser connection to {@code appdb} (trust), for setup and inspection. */
  public Connection adminConnection() throws SQLException {
    return ServerLaunch.adminConnect(port, DATABASE, new Properties());
  }

  /** Creates login role {@code name} (a token's subject) with the rights of {@link PostgresServer#createTokenUser}. */
  public synchronized void createTokenUser(String name) {
    try {
      TokenRoles.create(adminConnection(), DATABASE, name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create token user '" + name + "': " + e.getMessage(), e);
    }
  }

  /** The last {@code lines} lines of the server log (never holds a token: the module does not log them). */
  public String logTail(int lines) {
    return dir.logTail(lines);
  }

  boolean isRunning() {
    return process.isAlive();
  }

  @Override
  public void close() {
    ServerLaunch.cancel(shutdownHook);
    stop();
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.stop();
      bridge.close();
    } finally {
      dir.delete();
    }
  }

  private void prepare() {
    try (Connection c = ServerLaunch.adminConnect(port, "postgres", new Properties());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + PostgresServer.quoteIdentifier(DATABASE));
      s.execute("CREATE ROLE " + TRUST_USER + " LOGIN");
      s.execute("CREATE ROLE " + SCRAM_USER + " LOGIN PASSWORD '" + SCRAM_PASSWORD + "'");
    } catch (SQLException e) {
      throw process.failure("cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "OAuthPostgresServer[" + vendorUrl() + ", " + bridge + "]";
  }
}
