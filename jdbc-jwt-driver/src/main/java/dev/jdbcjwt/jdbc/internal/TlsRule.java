package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.net.HostClassifier;

import java.lang.System.Logger.Level;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Tokens go only to verified servers. Before a plan may hand a token to a vendor driver, the connection must verify
 * the server's certificate (pgjdbc {@code sslmode=verify-full|verify-ca}, Connector/J
 * {@code sslMode=VERIFY_IDENTITY|VERIFY_CA}, MariaDB {@code sslMode=verify-full|verify-ca}), or reach only loopback
 * addresses, or go over a Unix socket; else the plan is refused with HY000, unless {@code jwt.allowUnverifiedTls=true}.
 * Other vendors' settings are unknown to us: a warning once per vendor (none for embedded H2). Decided once per plan,
 * so the warm connect path does no DNS lookup (see docs/security.md for why that is safe).
 */
public final class TlsRule {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.jdbc");
  private static final Set<String> WARNED_VENDORS = ConcurrentHashMap.newKeySet();

  private TlsRule() {
  }

  /** Throws HY000 when the token would go to a server nobody verified. Runs before any connection attempt. */
  public static void check(JwtUrl url, Driver vendor, Properties vendorProperties, TokenConfig config,
      HostClassifier hosts) throws SQLException {
    if (config.bool(JwtOption.ALLOW_UNVERIFIED_TLS)) {
      return;
    }
    Optional<VendorTls.Transport> known = VendorTls.of(vendor, url, vendorProperties);
    if (known.isEmpty()) {
      warnOnceAbout(url);
      return;
    }
    VendorTls.Transport t = known.get();
    if (t.verifying() || t.unixSocket()) {
      return;
    }
    List<String> remote = t.hosts().stream().filter(h -> !hosts.isLoopback(h)).collect(Collectors.toList());
    if (remote.isEmpty()) {
      return;
    }
    throw Errors.configuration("the token would be sent to " + String.join(", ", remote) + " over a connection "
        + "that does not verify the server (" + t.vendor() + ": " + t.found() + "), so a server or anyone in "
        + "between could take it; " + t.fix() + ", or connect over loopback or a Unix socket. To send it anyway "
        + "(not recommended), set " + JwtOption.ALLOW_UNVERIFIED_TLS.key()
        + "=true in the connection properties");
  }

  private static void warnOnceAbout(JwtUrl url) {
    String scheme = url.vendorScheme();
    if (isEmbeddedH2(url) || !WARNED_VENDORS.add(scheme)) {
      return;
    }
    LOG.log(Level.WARNING, "jdbc-jwt: cannot check whether jdbc:{0}: connections verify the server''s certificate; "
        + "make sure they do, or a token can reach a server nobody verified. Set {1}=true to say you checked (this "
        + "warning then goes away)", scheme, JwtOption.ALLOW_UNVERIFIED_TLS.key());
  }

  /** {@code jdbc:h2:mem:}, {@code jdbc:h2:file:}, {@code jdbc:h2:~/…}, {@code jdbc:h2:./…}: no network at all. */
  static boolean isEmbeddedH2(JwtUrl url) {
    String prefix = "jdbc:h2:";
    if (!url.vendorUrl().regionMatches(true, 0, prefix, 0, prefix.length())) {
      return false;
    }
    String rest = url.vendorUrl().substring(prefix.length()).toLowerCase(java.util.Locale.ROOT);
    return !rest.startsWith("tcp:") && !rest.startsWith("ssl:");
  }
}
