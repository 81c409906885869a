package dev.jdbcjwt.token.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The default {@link HostClassifier}: literals by address, the {@code localhost} name space by resolution. */
final class LoopbackHosts implements HostClassifier {

  static final LoopbackHosts SYSTEM = new LoopbackHosts(InetAddress::getAllByName);

  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:][0-9a-f:.]*(%[0-9a-z_.-]+)?");

  private final Resolver resolver;

  LoopbackHosts(Resolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.isEmpty()) {
      return false;
    }
    if (IPV4_LITERAL.matcher(h).matches()) {
      return validOctets(h) && literalIsLoopback(h);
    }
    if (h.indexOf(':') >= 0) {
      // Java parses text that starts with a hex digit or ':' and has a colon as an IPv6 literal, never as a name
      return IPV6_LITERAL.matcher(h).matches() && literalIsLoopback(h);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (!h.equals("localhost") && !h.endsWith(".localhost")) {
      return false;
    }
    return resolvesToLoopbackOnly(h);
  }

  private static boolean validOctets(String v4) {
    for (String octet : v4.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false; // not a literal to Java: it would look the text up as a name
      }
    }
    return true;
  }

  private static boolean literalIsLoopback(String literal) {
    try {
      // a literal is parsed, never looked up
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException | RuntimeException e) {
      return false;
    }
  }

  private boolean resolvesToLoopbackOnly(String name) {
    try {
      InetAddress[] addresses = resolver.resolve(name);
      if (addresses == null || addresses.length == 0) {
        return false;
      }
      for (InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return this == SYSTEM ? "HostClassifier.system()" : "HostClassifier.resolvingWith(…)";
  }
}
