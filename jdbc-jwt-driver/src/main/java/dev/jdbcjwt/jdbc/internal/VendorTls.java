package dev.jdbcjwt.jdbc.internal;

import java.sql.Driver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Reads a connection's TLS settings and hosts the way the vendor driver will read them, for the vendors whose
 * rules we know: pgjdbc, MySQL Connector/J and MariaDB Connector/J (rules checked against pgjdbc 42.7, Connector/J
 * 9.5 and MariaDB Connector/J 3.5). See docs/security.md, "Tokens go only to verified servers".
 */
final class VendorTls {

  /**
   * What the vendor driver will do.
   *
   * @param vendor the driver's name for messages
   * @param verifying the mode verifies the server's certificate (and, for the full modes, its name)
   * @param found the setting as found, for messages, e.g. "sslmode=require"
   * @param fix what to do, e.g. "add sslmode=verify-full (or verify-ca) to the URL or the properties"
   * @param unixSocket the connection goes over a Unix domain socket, not the network
   * @param hosts the hosts the driver connects to (all of them for multi-host URLs)
   */
  record Transport(String vendor, boolean verifying, String found, String fix, boolean unixSocket,
      List<String> hosts) {
  }

  private static final String PG_FIX = "add sslmode=verify-full (or verify-ca) to the URL or the properties";
  private static final String MYSQL_FIX = "add sslMode=VERIFY_IDENTITY (or VERIFY_CA) to the URL or the properties";
  private static final String MARIADB_FIX = "add sslMode=verify-full (or verify-ca) to the URL or the properties";
  private static final Set<String> PG_TRUST_ALL_FACTORIES = Set.of("org.postgresql.ssl.NonValidatingFactory");
  private static final String PG_CERT_FROM_ARG = "org.postgresql.ssl.SingleCertValidatingFactory";

  private static final Set<String> PG_UNIX_FACTORIES = Set.of(
      "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg",
      "org.newsclub.net.unix.AFUNIXSocketFactory$SystemProperty");
  private static final Set<String> MYSQL_UNIX_FACTORIES = Set.of(
      "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactory",
      "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ");
  private static final Set<String> MARIADB_VERIFYING = Set.of(
      "verify-ca", "verify_ca", "verify-full", "verify_full", "verify_identity", "1", "true");

  private VendorTls() {
  }

  /** The transport for a known vendor (by the driver's class, else by the URL's scheme); empty for others. */
  static Optional<Transport> of(Driver driver, JwtUrl url, Properties props) {
    String dialect = dialectOf(driver).orElseGet(() -> switch (url.vendorScheme()) {
      case "postgresql" -> "postgresql";
      case "mysql" -> "mysql";
      case "mariadb" -> "mariadb";
      default -> "";
    });
    VendorAddress address = VendorAddress.parse(url.vendorUrl());
    return switch (dialect) {
      case "postgresql" -> Optional.of(postgres(address, props));
      case "mysql" -> Optional.of(mysql(address, props));
      case "mariadb" -> Optional.of(mariadb(address, props));
      default -> Optional.empty();
    };
  }

  private static Optional<String> dialectOf(Driver driver) {
    for (Class<?> c = driver.getClass(); c != null; c = c.getSuperclass()) {
      switch (c.getName()) {
        case "org.postgresql.Driver":
          return Optional.of("postgresql");
        case "com.mysql.cj.jdbc.NonRegisteringDriver":
          return Optional.of("mysql");
        case "org.mariadb.jdbc.Driver":
          return Optional.of("mariadb");
        default:
          break;
      }
    }
    return Optional.empty();
  }

  /** pgjdbc: URL parameters override properties; sslmode, else ssl=true (or empty) means verify-full. */
  static Transport postgres(VendorAddress address, Properties props) {
    Map<String, String> p = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> p.put(k, props.getProperty(k)));
    p.putAll(address.query());
    String mode = p.get("sslmode");
    String ssl = p.get("ssl");
    boolean verifying;
    String found;
    if (mode != null) {
      verifying = mode.equalsIgnoreCase("verify-full") || mode.equalsIgnoreCase("verify-ca");
      found = "sslmode=" + mode;
    } else if (ssl != null && (ssl.isEmpty() || Boolean.parseBoolean(ssl))) {
      verifying = true; // pgjdbc's SslMode.of: ssl=true without sslmode is verify-full
      found = "ssl=true";
    } else {
      verifying = false;
      found = "no sslmode (pgjdbc's default is prefer)";
    }
    String fix = PG_FIX;
    String factory = p.getOrDefault("sslfactory", "");
    if (verifying && PG_TRUST_ALL_FACTORIES.contains(factory)) {
      verifying = false;
      found += " with sslfactory=" + factory + ", which trusts any certificate";
      fix = "leave sslfactory out (or use org.postgresql.ssl.DefaultJavaSSLFactory)";
    } else if (verifying && factory.equals(PG_CERT_FROM_ARG) && address.query().containsKey("sslfactoryarg")) {
      verifying = false;
      found += " with the trusted certificate given in the URL (sslfactoryarg)";
      fix = "give sslfactoryarg in the connection properties, not in the URL (a URL may come from someone else)";
    }
    boolean unix = PG_UNIX_FACTORIES.contains(p.getOrDefault("socketFactory", ""));
    List<String> hosts = new ArrayList<>();
    if (p.containsKey("service")) {
      hosts.add("(the hosts of service " + p.get("service") + ")"); // from a service file: not known here
    } else if (address.hasAuthority() && address.hosts().stream().anyMatch(h -> !h.name().isEmpty())) {
      address.hosts().forEach(h -> hosts.add(h.name().isEmpty() ? "localhost" : h.name()));
    } else {
      String defaults = p.getOrDefault("PGHOST", env("PGHOST", "org.postgresql.pghost"));
      for (String h : defaults.split(",")) {
        hosts.add(h.strip());
      }
    }
    return new Transport("pgjdbc", verifying, found, fix, unix, hosts);
  }

  private static String env(String variable, String systemProperty) {
    String fromProperty = System.getProperty(systemProperty);
    if (fromProperty != null && !fromProperty.isBlank()) {
      return fromProperty;
    }
    String fromEnv = System.getenv(variable);
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "localhost";
  }

  /**
   * Connector/J: properties override the URL, keys ignore case, per-host keys override both; sslMode, else the
   * legacy useSSL/verifyServerCertificate/requireSSL translation (verifyServerCertificate=true is VERIFY_CA).
   */
  static Transport mysql(VendorAddress address, Properties props) {
    Map<String, String> global = new LinkedHashMap<>();
    address.query().forEach((k, v) -> global.put(k.toLowerCase(Locale.ROOT), v));
    props.stringPropertyNames().forEach(k -> global.put(k.toLowerCase(Locale.ROOT), props.getProperty(k)));
    boolean verifying = true;
    boolean unix = true;
    String found = null;
    String fix = MYSQL_FIX;
    List<String> hosts = new ArrayList<>();
    for (VendorAddress.Host h : hostsOrDefault(address)) {
      Map<String, String> p = new LinkedHashMap<>(global);
      p.putAll(h.keys());
      String mode = p.get("sslmode");
      boolean v;
      String f;
      if (mode != null) {
        v = mode.equalsIgnoreCase("VERIFY_IDENTITY") || mode.equalsIgnoreCase("VERIFY_CA");
        f = "sslMode=" + mode;
      } else if (p.containsKey("usessl") || p.containsKey("verifyservercertificate") || p.containsKey("requiressl")) {
        v = !isFalse(p.get("usessl")) && isTrue(p.get("verifyservercertificate"));
        f = "useSSL/verifyServerCertificate/requireSSL without sslMode";
      } else {
        v = false;
        f = "no sslMode (Connector/J's default is PREFERRED)";
      }
      if (v && (address.query().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("trustCertificateKeyStoreUrl"))
          || h.keys().containsKey("trustcertificatekeystoreurl"))) {
        v = false;
        f += " with the trust store named in the URL (trustCertificateKeyStoreUrl)";
        fix = "give trustCertificateKeyStoreUrl in the connection properties, not in the URL (a URL may come from "
            + "someone else)";
      }
      verifying &= v;
      found = found == null || !v ? f : found;
      unix &= MYSQL_UNIX_FACTORIES.contains(p.getOrDefault("socketfactory", ""));
      hosts.add(h.name().isEmpty() ? "localhost" : h.name());
    }
    return new Transport("MySQL Connector/J", verifying, found, fix, unix, hosts);
  }

  private static boolean isTrue(String v) {
    return v != null && (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
  }

  private static boolean isFalse(String v) {
    return v != null && (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no"));
  }

  /**
   * MariaDB Connector/J: URL parameters override properties; sslMode with its aliases; the legacy useSsl=true means
   * verify-full unless trustServerCertificate (trust) or disableSslHostnameVerification (verify-ca). When both the
   * legacy and the new form are given, both must verify. localSocket means a Unix socket.
   */
  static Transport mariadb(VendorAddress address, Properties props) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> add(p, k, props.getProperty(k)));
    address.query().forEach((k, v) -> add(p, k, v));
    List<String> modes = p.getOrDefault("sslmode", List.of());
    boolean legacy = isSet(p, "usessl");
    boolean verifying = !modes.isEmpty() || legacy;
    String found = "no sslMode (MariaDB Connector/J's default is disable)";
    for (String mode : modes) {
      if (!MARIADB_VERIFYING.contains(mode.toLowerCase(Locale.ROOT))) {
        verifying = false;
      }
      found = "sslMode=" + mode;
    }
    if (legacy && isSet(p, "trustservercertificate")) {
      verifying = false;
      found = "useSsl with trustServerCertificate";
    }
    String fix = MARIADB_FIX;
    if (verifying && address.query().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("serverSslCert"))) {
      verifying = false;
      found += " with the server certificate given in the URL (serverSslCert)";
      fix = "give serverSslCert in the connection properties, not in the URL (a URL may come from someone else)";
    }
    boolean unix = p.getOrDefault("localsocket", List.of()).stream().anyMatch(s -> !s.isBlank());
    List<String> hosts = new ArrayList<>();
    hostsOrDefault(address).forEach(h -> hosts.add(h.name().isEmpty() ? "localhost" : h.name()));
    return new Transport("MariaDB Connector/J", verifying, found, fix, unix, hosts);
  }

  private static void add(Map<String, List<String>> into, String key, String value) {
    into.computeIfAbsent(key.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
  }

  /** MariaDB's isSet: "1", "true" or empty. */
  private static boolean isSet(Map<String, List<String>> p, String key) {
    return p.getOrDefault(key, List.of()).stream().anyMatch(v -> v.isEmpty() || v.equals("1") || v.equals("true"));
  }

  private static List<VendorAddress.Host> hostsOrDefault(VendorAddress address) {
    return address.hosts().isEmpty() ? List.of(new VendorAddress.Host("", Map.of())) : address.hosts();
  }
}
