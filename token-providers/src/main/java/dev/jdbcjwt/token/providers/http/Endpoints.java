package dev.jdbcjwt.token.providers.http;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.net.HostClassifier;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Checks identity provider URLs: absolute http(s), and https unless the host is loopback, a cloud metadata address
 * that is plain http by design, or {@code jwt.allowInsecureHttp=true}. Describes URLs for messages without their query
 * or user info.
 */
public final class Endpoints {

  private Endpoints() {
  }

  /** Parses the URL given in {@code option}; configuration errors name the option. */
  public static URI parse(JwtOption option, String value) throws TokenException {
    return parse(option.key(), value);
  }

  /** Parses a URL that {@code source} (an option or an environment variable) gave. */
  public static URI parse(String source, String value) throws TokenException {
    URI uri;
    try {
      uri = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw TokenException.configuration(source + " is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw TokenException.configuration(source + " must be an absolute https:// URL (got '" + describe(uri) + "')");
    }
    if (uri.getRawUserInfo() != null) {
      throw TokenException.configuration(source + " must not contain user information before the host; give "
          + "credentials in their own options");
    }
    return uri;
  }

  /**
   * Refuses plain http unless allowed.
   *
   * @param what names the URL in the message, e.g. "jwt.tokenEndpoint"
   * @param plainHttpHosts hosts reached over plain http by design (cloud metadata services)
   */
  public static void requireSecure(URI uri, String what, HttpSettings settings, Set<String> plainHttpHosts)
      throws TokenException {
    requireSecure(uri, what, settings, plainHttpHosts, HostClassifier.system());
  }

  /** As {@link #requireSecure(URI, String, HttpSettings, Set)}, with loopback decided by {@code hosts}. */
  public static void requireSecure(URI uri, String what, HttpSettings settings, Set<String> plainHttpHosts,
      HostClassifier hosts) throws TokenException {
    if ("https".equalsIgnoreCase(uri.getScheme()) || settings.allowInsecureHttp()) {
      return;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (plainHttpHosts.contains(host) || hosts.isLoopback(host)) {
      return;
    }
    throw TokenException.configuration(what + " " + describe(uri) + " uses plain http, which would send "
        + "credentials and tokens unencrypted; use https, or set " + JwtOption.ALLOW_INSECURE_HTTP.key()
        + "=true for a test set-up");
  }

  /**
   * Whether {@code host} is loopback by its addresses ({@link HostClassifier#system()}): 127.0.0.0/8 and ::1
   * literals, and {@code localhost} names that resolve to loopback only.
   */
  public static boolean isLoopback(String host) {
    return HostClassifier.system().isLoopback(host);
  }

  /** scheme://host[:port]/path, without query, fragment or user info (they may carry secrets). */
  public static String describe(URI uri) {
    if (uri.getHost() == null) {
      return uri.getScheme() == null ? "(relative URL)" : uri.getScheme() + ":…";
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
