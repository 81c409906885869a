package dev.jdbcjwt.jdbc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network part of a vendor URL as PostgreSQL, MySQL and MariaDB drivers write it: the hosts of
 * {@code jdbc:<scheme>[:<mode>]://[user@]host[:port][,host[:port]…]/db?k=v&…} (IPv6 in brackets, MySQL/MariaDB
 * {@code address=(host=h)(port=p)} and {@code (host=h,port=p)} forms, with the per-host keys they carry) and the query
 * parameters (percent-decoded). Only for the TLS rule: nothing here is printed but host names.
 */
final class VendorAddress {

  /** One host and the per-host keys its spec carried (MySQL/MariaDB address forms), lower-cased keys. */
  record Host(String name, Map<String, String> keys) {
  }

  private final boolean hasAuthority;
  private final List<Host> hosts;
  private final Map<String, String> query;

  private VendorAddress(boolean hasAuthority, List<Host> hosts, Map<String, String> query) {
    this.hasAuthority = hasAuthority;
    this.hosts = hosts;
    this.query = query;
  }

  static VendorAddress parse(String vendorUrl) {
    int q = vendorUrl.indexOf('?');
    String head = q < 0 ? vendorUrl : vendorUrl.substring(0, q);
    Map<String, String> query = new LinkedHashMap<>();
    if (q >= 0) {
      for (String param : vendorUrl.substring(q + 1).split("&")) {
        if (!param.isEmpty()) {
          int eq = param.indexOf('=');
          query.put(JwtUrl.percentDecode(eq < 0 ? param : param.substring(0, eq)),
              eq < 0 ? "" : JwtUrl.percentDecode(param.substring(eq + 1)));
        }
      }
    }
    int slashes = head.indexOf("//");
    if (slashes < 0) {
      return new VendorAddress(false, List.of(), query);
    }
    String authority = head.substring(slashes + 2);
    int end = endOfAuthority(authority);
    authority = authority.substring(0, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0 && authority.indexOf('(') < 0) {
      authority = authority.substring(at + 1);
    }
    List<Host> hosts = new ArrayList<>();
    for (String spec : splitTopLevel(authority)) {
      hosts.add(host(spec.strip()));
    }
    return new VendorAddress(true, hosts, query);
  }

  private static int endOfAuthority(String s) {
    int depth = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '/' && depth <= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (c == ',' && depth <= 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }

  private static Host host(String spec) {
    if (spec.indexOf('(') >= 0) {
      Map<String, String> keys = new LinkedHashMap<>();
      String inner = spec.substring(spec.indexOf('(')).replace(")(", ",").replace("(", "").replace(")", "");
      for (String kv : inner.split(",")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          keys.put(kv.substring(0, eq).strip().toLowerCase(Locale.ROOT), kv.substring(eq + 1).strip());
        }
      }
      return new Host(keys.getOrDefault("host", ""), keys);
    }
    if (spec.startsWith("[")) {
      int close = spec.indexOf(']');
      return new Host(close < 0 ? spec : spec.substring(0, close + 1), Map.of());
    }
    int colon = spec.indexOf(':');
    return new Host(colon < 0 ? spec : spec.substring(0, colon), Map.of());
  }

  /** Whether the URL has a {@code //host} part at all ({@code jdbc:postgresql:db} has none). */
  boolean hasAuthority() {
    return hasAuthority;
  }

  /** The hosts, in URL order; a host may be empty ({@code jdbc:mysql:///db}: the driver's default host). */
  List<Host> hosts() {
    return hosts;
  }

  /** The query parameters, decoded, keys as written. */
  Map<String, String> query() {
    return query;
  }
}
