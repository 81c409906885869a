package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;
import dev.jdbcjwt.token.config.TokenConfig;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code connect(url, info)} call, understood: the vendor URL, the properties for the vendor driver (every
 * {@code jwt.*} removed), and the validated token configuration. URL-allowed options in the URL win over
 * {@code Properties}, as in pgjdbc; application-only ones are refused from an untrusted URL and never override
 * {@code Properties} ({@link UrlPolicy}).
 */
public final class ConnectionRequest {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.jdbc");
  private static final Set<String> WARNED_LITERAL_SECRETS = ConcurrentHashMap.newKeySet();

  private final JwtUrl url;
  private final Properties vendorProperties;
  private final TokenConfig tokenConfig;

  private ConnectionRequest(JwtUrl url, Properties vendorProperties, TokenConfig tokenConfig) {
    this.url = url;
    this.vendorProperties = vendorProperties;
    this.tokenConfig = tokenConfig;
  }

  /**
   * Parses a connect call. An application-only option in the URL is refused first (before any file, command or
   * request), unless URLs are declared trusted ({@link UrlTrust}); see {@link UrlPolicy}.
   */
  public static ConnectionRequest parse(String rawUrl, Properties info) throws SQLException {
    JwtUrl url = JwtUrl.parse(rawUrl);
    Map<String, String> jwt = new HashMap<>();
    Properties vendor = new Properties();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        String value = info.getProperty(name);
        if (name.startsWith(JwtOption.PREFIX)) {
          jwt.put(name, value);
        } else {
          vendor.setProperty(name, value);
        }
      }
    }
    boolean trusted = UrlPolicy.needsTrust(url.jwtOptions()) && UrlTrust.trusted();
    jwt = UrlPolicy.merge(jwt, url.jwtOptions(), trusted);
    warnAboutLiteralSecretsIn(url);
    String user = url.queryParameter("user").orElse(vendor.getProperty("user"));
    try {
      return new ConnectionRequest(url, vendor, TokenConfig.of(jwt, user));
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }

  private static void warnAboutLiteralSecretsIn(JwtUrl url) {
    url.jwtOptions().forEach((key, value) -> {
      if (SecretReference.isLiteralSecret(key, value) && WARNED_LITERAL_SECRETS.add(key)) {
        LOG.log(Level.WARNING, "jdbc-jwt: {0} is given literally in a JDBC URL; URLs end up in logs and "
            + "configuration dumps, so prefer passing it as a connection property, as {0}=env:NAME or "
            + "{0}=file:/path", key);
      }
    });
  }

  /** Whether this request took application-only options from its URL, which only a trusted URL may give. */
  public boolean needsTrustedUrl() {
    return UrlPolicy.needsTrust(url.jwtOptions());
  }

  public JwtUrl url() {
    return url;
  }

  /** A fresh copy for one connection attempt: the caller adds the token to it. */
  public Properties vendorProperties() {
    Properties copy = new Properties();
    copy.putAll(vendorProperties);
    return copy;
  }

  public TokenConfig tokenConfig() {
    return tokenConfig;
  }
}
