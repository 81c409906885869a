package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.jdbc.internal.ConnectEnvironment;
import dev.jdbcjwt.jdbc.internal.ConnectPlan;
import dev.jdbcjwt.jdbc.internal.ConnectionRequest;
import dev.jdbcjwt.jdbc.internal.Errors;
import dev.jdbcjwt.jdbc.internal.JwtConnection;
import dev.jdbcjwt.jdbc.internal.JwtUrl;
import dev.jdbcjwt.jdbc.internal.PropertyInfo;
import dev.jdbcjwt.jdbc.internal.Refusals;
import dev.jdbcjwt.jdbc.internal.SessionSetup;
import dev.jdbcjwt.jdbc.internal.UrlTrust;
import dev.jdbcjwt.jdbc.internal.postgres.OAuthAttempt;
import dev.jdbcjwt.jdbc.internal.postgres.PostgresHooks;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.PostgresOAuthMode;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverAction;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:jwt:<vendor-url>} driver. It obtains a token for the configured {@code jwt.*} options, passes it
 * to the real vendor driver as the password (or {@code jwt.tokenProperty}) and returns the vendor's connection in a
 * thin wrapper that knows the token's expiry ({@link TokenConnection}) and tells pools when it is over. Other
 * URLs are not for this driver: {@link #connect} returns {@code null} for them.
 *
 * <pre>
 * Properties props = new Properties();
 * props.setProperty("user", "orders");
 * props.setProperty("jwt.provider", "signed");
 * props.setProperty("jwt.signingKey", "file:/keys/orders.pem");
 * DriverManager.getConnection("jdbc:jwt:postgresql://db:5432/orders?sslmode=verify-full", props);
 * </pre>
 * Options that reach the JVM's files, commands, keys or identity come from {@code Properties}, not from the URL,
 * unless the application declares its URLs trusted ({@link #trustUrls}).
 */
public final class JwtDriver implements Driver {

  private static final JwtDriver INSTANCE = new JwtDriver();
  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.jdbc");

  /**
   * Runs when anyone deregisters the driver from {@link DriverManager}: an application server's leak prevention on
   * undeploy (Tomcat does this for drivers a web application loaded) as well as {@link #deregister()}.
   */
  private static final DriverAction ON_DEREGISTER = JwtDriver::releaseEverything;

  static {
    try {
      DriverManager.registerDriver(INSTANCE, ON_DEREGISTER);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ConnectEnvironment environment;

  /**
   * Public for {@link java.util.ServiceLoader} (DriverManager loads drivers with it; without a public no-arg
   * constructor it stops loading every driver). Applications use {@link #instance()}.
   */
  public JwtDriver() {
    this(ConnectEnvironment.SYSTEM);
  }

  /**
   * For tests: a driver (not registered) whose hosts, vendor drivers, token caches and time (clock, timers, executor)
   * come from {@code environment}, so that a whole driver can run on a fake clock.
   */
  JwtDriver(ConnectEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    ConnectPlan plan = ConnectPlan.of(url, info, environment);
    TokenCache tokens = plan.tokens();
    Token token = fetch(tokens, plan);
    try {
      return open(plan, token);
    } catch (SQLException refused) {
      if (!Refusals.isRefusal(refused)) {
        throw refused;
      }
      // The database refused the token (revoked, key rotated): drop it and try once with a fresh one.
      tokens.invalidate(token);
      Token fresh = fetch(tokens, plan);
      if (fresh == token) {
        throw refusal(plan, token, refused);
      }
      LOG.log(System.Logger.Level.DEBUG, "jdbc-jwt: the database refused a token ({0}); retrying once with a new one",
          token);
      try {
        return open(plan, fresh);
      } catch (SQLException again) {
        if (Refusals.isRefusal(again)) {
          tokens.invalidate(fresh);
          throw refusal(plan, fresh, again);
        }
        throw again;
      }
    }
  }

  private static Connection open(ConnectPlan plan, Token token) throws SQLException {
    ConnectionRequest request = plan.request();
    Driver vendor = plan.vendor();
    PostgresHooks hooks = plan.postgresHooks();
    Properties props = hooks != null && hooks.mode() == PostgresOAuthMode.REQUIRE
        ? plan.injector().injectUser(token, request.vendorProperties())
        : plan.injector().inject(token, request.vendorProperties());
    Connection connection;
    if (hooks == null) {
      connection = vendorConnect(vendor, request.url().vendorUrl(), props);
    } else {
      try (OAuthAttempt attempt = OAuthAttempt.open(hooks.mode(), token.value().reveal(), hooks, props)) {
        try {
          connection = vendorConnect(vendor, hooks.vendorUrl(), props);
        } catch (SQLException e) {
          SQLException ours = attempt.failure();
          if (ours != null) {
            ours.initCause(e);
            throw ours;
          }
          throw e;
        }
      }
    }
    if (connection == null) {
      throw Errors.configuration("the " + vendor.getClass().getName() + " driver did not accept the URL jdbc:"
          + request.url().vendorScheme() + ":…; check the part after jdbc:jwt:");
    }
    SessionSetup setup = plan.sessionSetup();
    if (!setup.isEmpty()) {
      setup.apply(connection, token, plan.injector().userFor(token, props));
    }
    Timekeeper time = plan.time();
    return new JwtConnection(connection, token, plan.clockSkew(), plan.onExpiry(), time.clock(), time.scheduler(),
        time.executor());
  }

  private static Connection vendorConnect(Driver vendor, String url, Properties props) throws SQLException {
    try {
      return vendor.connect(url, props);
    } catch (RuntimeException e) {
      throw Errors.configuration("the " + vendor.getClass().getName() + " driver failed on the URL or properties ("
          + e.getClass().getSimpleName() + "); check the part after jdbc:jwt:", e);
    }
  }

  private static SQLException refusal(ConnectPlan plan, Token token, SQLException vendorError) {
    String user = plan.injector().userFor(token, plan.request().vendorProperties());
    return Errors.tokenRefused("the database refused the token for user '" + user + "' (token subject "
        + token.subject().orElse("unknown") + ", key id " + token.keyId().orElse("none") + ", expires "
        + (token.hasKnownExpiry() ? token.expiresAt() : "unknown") + "); check that the database trusts the "
        + "token's issuer and key, its audience, and that the user matches. Database said: "
        + vendorError.getMessage(), vendorError);
  }

  /** A token with at least {@code jwt.minTokenLife} left, so that the new connection is not stale at birth. */
  private static Token fetch(TokenCache tokens, ConnectPlan plan) throws SQLException {
    try {
      return tokens.fetch(plan.minTokenLife());
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return JwtUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return PropertyInfo.describe(url, info);
  }

  @Override
  public int getMajorVersion() {
    return Version.MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return Version.MINOR;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw Errors.noParentLogger();
  }

  /**
   * Declares this application's JDBC URLs trusted (JVM-wide), or withdraws this declaration. By default a
   * {@code jdbc:jwt:} URL may carry only harmless options (timings, claims to read, {@code jwt.provider=static} with a
   * literal {@code jwt.token}); options that run commands, read files or environment variables, use keys or the host's
   * cloud identity, or choose where credentials are sent are refused from a URL with SQLState HY000, because a URL
   * may come from someone less trusted than the application (docs/security.md). Call this once at start-up when every
   * URL the application uses is its own configuration; the system property {@code -Djdbcjwt.trustUrls=true} and the
   * environment variable {@code JDBCJWT_TRUST_URLS=true} do the same (any one of the three turns it on; {@code false}
   * here withdraws only this call's declaration). Options given as connection properties always win over a trusted
   * URL's for these options.
   *
   * @param trusted true to declare URLs trusted
   */
  public static void trustUrls(boolean trusted) {
    UrlTrust.declare(trusted);
  }

  /**
   * Whether URLs are declared trusted, by {@link #trustUrls}, the system property or the environment variable.
   *
   * @return true when URLs are declared trusted
   */
  public static boolean urlsTrusted() {
    return UrlTrust.trusted();
  }

  /**
   * The registered instance.
   *
   * @return the driver registered with {@link DriverManager}
   */
  public static JwtDriver instance() {
    return INSTANCE;
  }

  /**
   * Registers the driver with {@link DriverManager} if it was deregistered. Loading this class registers it.
   *
   * @throws SQLException if {@link DriverManager} refuses the registration
   */
  public static void register() throws SQLException {
    if (DriverManager.drivers().noneMatch(d -> d == INSTANCE)) {
      DriverManager.registerDriver(INSTANCE, ON_DEREGISTER);
    }
  }

  /**
   * For application servers that redeploy: deregisters the driver, closes every token cache and stops the refresh
   * threads (waiting up to five seconds), so neither a thread nor the application's class loader is left behind.
   * {@code DriverManager.deregisterDriver(JwtDriver.instance())}, as an application server's leak prevention calls
   * it, does the same.
   *
   * @throws SQLException if {@link DriverManager} refuses the deregistration
   */
  public static void deregister() throws SQLException {
    if (DriverManager.drivers().anyMatch(d -> d == INSTANCE)) {
      DriverManager.deregisterDriver(INSTANCE); // runs releaseEverything through ON_DEREGISTER
    } else {
      releaseEverything();
    }
  }

  private static void releaseEverything() {
    ConnectPlan.forgetAll();
    try {
      TokenCaches.shutdown(java.time.Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
