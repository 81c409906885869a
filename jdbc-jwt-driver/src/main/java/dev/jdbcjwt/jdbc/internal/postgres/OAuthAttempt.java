package dev.jdbcjwt.jdbc.internal.postgres;

import dev.jdbcjwt.token.config.PostgresOAuthMode;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection attempt's hand-over from the driver to its pgjdbc socket factories, which pgjdbc instantiates
 * itself with the connection's {@code Properties}: only a random handle travels in a private property
 * ({@value #HANDLE_PROPERTY}); the token stays in this in-memory registry until the attempt ends ({@link #close}).
 * The factories keep the attempt object (pgjdbc reuses the socket factory for cancel requests), but its token is gone
 * once the attempt is over. A failure the interposer raised is kept here, so the driver reports it instead of
 * pgjdbc's generic I/O error.
 */
public final class OAuthAttempt implements AutoCloseable {

  /** The private pgjdbc property carrying the handle. Not a secret: it only names an in-process entry. */
  public static final String HANDLE_PROPERTY = "jdbcjwt.oauthAttempt";

  private static final Map<String, OAuthAttempt> OPEN = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String handle;
  private final PostgresOAuthMode mode;
  private final String socketFactoryDelegate;
  private final String sslFactoryDelegate;
  private volatile String token;
  private volatile SQLException failure;
  private volatile boolean answered;

  private OAuthAttempt(String handle, PostgresOAuthMode mode, String token, String socketFactoryDelegate,
      String sslFactoryDelegate) {
    this.handle = handle;
    this.mode = mode;
    this.token = token;
    this.socketFactoryDelegate = socketFactoryDelegate;
    this.sslFactoryDelegate = sslFactoryDelegate;
  }

  /** Registers an attempt and writes its handle into {@code vendorProperties}. */
  public static OAuthAttempt open(PostgresOAuthMode mode, String token, PostgresHooks hooks, Properties vendorProperties) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    OAuthAttempt attempt = new OAuthAttempt(HexFormat.of().formatHex(bytes), mode, token,
        hooks.socketFactoryDelegate(), hooks.sslFactoryDelegate());
    OPEN.put(attempt.handle, attempt);
    hooks.install(vendorProperties, attempt.handle);
    return attempt;
  }

  /** The open attempt named by {@code info}'s handle, or null (a factory used outside the driver). */
  static OAuthAttempt find(Properties info) {
    String handle = info == null ? null : info.getProperty(HANDLE_PROPERTY);
    return handle == null ? null : OPEN.get(handle);
  }

  static int openCount() {
    return OPEN.size();
  }

  PostgresOAuthMode mode() {
    return mode;
  }

  /** The token, or null once the attempt is over. */
  String token() {
    return token;
  }

  String socketFactoryDelegate() {
    return socketFactoryDelegate;
  }

  String sslFactoryDelegate() {
    return sslFactoryDelegate;
  }

  void fail(SQLException e) {
    if (failure == null) {
      failure = e;
    }
  }

  void markAnswered() {
    answered = true;
  }

  /** True when the server asked for OAUTHBEARER and got the token. */
  public boolean answered() {
    return answered;
  }

  /** The error the interposer raised during this attempt, if any: what the driver throws instead of pgjdbc's. */
  public SQLException failure() {
    return failure;
  }

  @Override
  public void close() {
    OPEN.remove(handle);
    token = null;
  }

  @Override
  public String toString() {
    return "OAuthAttempt[" + mode.optionValue() + "]";
  }
}
