package dev.jdbcjwt.jdbc.internal.postgres;

import dev.jdbcjwt.token.config.PostgresOAuthMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Driver;
import java.util.Properties;

/**
 * How the driver plugs into pgjdbc for one URL: its own {@code socketFactory} and {@code sslfactory} (which answer
 * OAUTHBEARER), with the user's own factories, if any, moved out of the vendor URL (where they would override ours,
 * since pgjdbc's URL parameters win over {@code Properties}) and used as delegates.
 */
public final class PostgresHooks {

  static final String SOCKET_FACTORY = "socketFactory";
  static final String SSL_FACTORY = "sslfactory";
  /** pgjdbc's default TLS factory: sslmode, sslrootcert, client certificates, hostname verification. */
  static final String DEFAULT_SSL_FACTORY = "org.postgresql.ssl.LibPQFactory";
  /** Present only in a pgjdbc release that speaks OAUTHBEARER itself (pgjdbc pull request 4251, unreleased). */
  static final String NATIVE_OAUTH_SPI = "org.postgresql.plugin.OAuthTokenProvider";

  private final PostgresOAuthMode mode;
  private final String vendorUrl;
  private final String socketFactoryDelegate;
  private final String sslFactoryDelegate;

  private PostgresHooks(PostgresOAuthMode mode, String vendorUrl, String socketFactoryDelegate, String sslFactoryDelegate) {
    this.mode = mode;
    this.vendorUrl = vendorUrl;
    this.socketFactoryDelegate = socketFactoryDelegate;
    this.sslFactoryDelegate = sslFactoryDelegate;
  }

  /** The hooks for a pgjdbc URL, or null when {@code vendor} is not pgjdbc. */
  public static PostgresHooks forVendor(Driver vendor, String vendorUrl, Properties vendorProperties, PostgresOAuthMode mode) {
    if (!vendor.getClass().getName().startsWith("org.postgresql.")) {
      return null;
    }
    int q = vendorUrl.indexOf('?');
    String socketFactory = vendorProperties.getProperty(SOCKET_FACTORY);
    String sslFactory = vendorProperties.getProperty(SSL_FACTORY);
    StringBuilder kept = new StringBuilder();
    if (q >= 0) {
      for (String param : vendorUrl.substring(q + 1).split("&", -1)) {
        int eq = param.indexOf('=');
        String name = decode(eq < 0 ? param : param.substring(0, eq));
        String value = eq < 0 ? "" : decode(param.substring(eq + 1));
        if (name.equals(SOCKET_FACTORY)) {
          socketFactory = value;
        } else if (name.equals(SSL_FACTORY)) {
          sslFactory = value;
        } else if (!param.isEmpty()) {
          kept.append(kept.length() == 0 ? "?" : "&").append(param);
        }
      }
    }
    String url = q < 0 ? vendorUrl : vendorUrl.substring(0, q) + kept;
    return new PostgresHooks(mode, url, blankToNull(socketFactory), blankToNull(sslFactory));
  }

  /** True when the pgjdbc release on the class path answers OAUTHBEARER itself (none does as of 42.7.14). */
  public static boolean pgjdbcSpeaksOAuth(ClassLoader loader) {
    try {
      Class.forName(NATIVE_OAUTH_SPI, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  public PostgresOAuthMode mode() {
    return mode;
  }

  /** The vendor URL without the user's factory parameters (they are our delegates now). */
  public String vendorUrl() {
    return vendorUrl;
  }

  String socketFactoryDelegate() {
    return socketFactoryDelegate;
  }

  String sslFactoryDelegate() {
    return sslFactoryDelegate;
  }

  void install(Properties vendorProperties, String handle) {
    vendorProperties.setProperty(SOCKET_FACTORY, OAuthSocketFactory.class.getName());
    vendorProperties.setProperty(SSL_FACTORY, OAuthSslSocketFactory.class.getName());
    vendorProperties.setProperty(OAuthAttempt.HANDLE_PROPERTY, handle);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "PostgresHooks[" + mode.optionValue() + "]";
  }
}
