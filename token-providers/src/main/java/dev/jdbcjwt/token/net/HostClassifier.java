package dev.jdbcjwt.token.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Decides whether traffic to a host name never leaves the machine. Used for the plain-http exemption of identity
 * provider endpoints and for the TLS rule of the JDBC driver, which both exempt loopback. The decision is made on
 * addresses, not on names: see {@link #system()}.
 *
 * <p>A seam: tests give their own classifier (or their own {@link Resolver}) so that they can declare a name remote
 * or local without any DNS query.
 */
@FunctionalInterface
public interface HostClassifier {

  /**
   * True if every address {@code host} stands for is a loopback address (127.0.0.0/8, ::1). {@code host} may be an IP
   * literal (IPv6 with or without brackets) or a name.
   */
  boolean isLoopback(String host);

  /** Resolves a name to all its addresses, as {@link InetAddress#getAllByName} does. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String name) throws UnknownHostException;
  }

  /**
   * The classifier the library uses: IP literals are judged by their address (no resolution); {@code localhost}
   * and names under {@code .localhost} are resolved with {@link InetAddress#getAllByName} and are loopback only if
   * every address they resolve to is; any other name is not loopback, and is not resolved. Why other names are not
   * resolved: a name outside the loopback name space that points to 127.0.0.1 is either a hosts-file alias
   * (write {@code localhost} or the address instead) or a DNS-rebinding set-up, where a name answers 127.0.0.1 when
   * checked and another address when the connection is made; and no DNS query is sent for remote names.
   */
  static HostClassifier system() {
    return LoopbackHosts.SYSTEM;
  }

  /** Like {@link #system()}, with names of the loopback name space resolved by {@code resolver}. */
  static HostClassifier resolvingWith(Resolver resolver) {
    return new LoopbackHosts(resolver);
  }
}
