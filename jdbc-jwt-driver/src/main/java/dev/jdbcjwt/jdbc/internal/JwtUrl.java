package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.config.JwtOption;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code jdbc:jwt:<vendor-url>} split into the vendor's own JDBC URL and the {@code jwt.*} options it carried.
 * Options may be query parameters ({@code ?jwt.provider=signed&…}) or {@code ;}-separated segments
 * ({@code jdbc:jwt:h2:mem:db;jwt.provider=signed}). Everything that is not a {@code jwt.*} option is kept
 * byte-for-byte. Query values are percent-decoded; {@code +} stays a plus (base64 keys contain it).
 */
public final class JwtUrl {

  public static final String PREFIX = "jdbc:jwt:";

  private final String vendorUrl;
  private final Map<String, String> jwtOptions;
  private final Map<String, String> queryParameters;

  private JwtUrl(String vendorUrl, Map<String, String> jwtOptions, Map<String, String> queryParameters) {
    this.vendorUrl = vendorUrl;
    this.jwtOptions = jwtOptions;
    this.queryParameters = queryParameters;
  }

  public static boolean accepts(String url) {
    return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  /** Parses an accepted URL. The caller checked {@link #accepts}. */
  public static JwtUrl parse(String url) throws java.sql.SQLException {
    String rest = url.substring(PREFIX.length());
    if (rest.isEmpty()) {
      throw Errors.configuration("the URL has no database part; write jdbc:jwt:<vendor-url>, "
          + "e.g. jdbc:jwt:postgresql://host:5432/db");
    }
    if (accepts("jdbc:" + rest)) {
      throw Errors.configuration("the URL starts with jdbc:jwt:jwt:; write jdbc:jwt:<vendor-url> once");
    }
    Map<String, String> jwt = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    StringBuilder vendor = new StringBuilder("jdbc:");
    int q = rest.indexOf('?');
    splitSegments(q < 0 ? rest : rest.substring(0, q), jwt, vendor);
    if (q >= 0) {
      splitQuery(rest.substring(q + 1), jwt, query, vendor);
    }
    return new JwtUrl(vendor.toString(), Collections.unmodifiableMap(jwt), Collections.unmodifiableMap(query));
  }

  /** The ';'-separated segments before any '?' (H2, SQL Server, Derby style): jwt options out, the rest kept. */
  private static void splitSegments(String head, Map<String, String> jwt, StringBuilder vendor) {
    String[] segments = head.split(";", -1);
    vendor.append(segments[0]);
    for (int i = 1; i < segments.length; i++) {
      String segment = segments[i];
      if (isJwtOption(segment)) {
        put(jwt, segment, false);
      } else {
        vendor.append(';').append(segment);
      }
    }
  }

  /** The query after '?': jwt options out, the vendor's parameters kept in order. */
  private static void splitQuery(String queryText, Map<String, String> jwt, Map<String, String> query,
      StringBuilder vendor) {
    StringBuilder kept = new StringBuilder();
    for (String param : queryText.split("&", -1)) {
      if (param.isEmpty()) {
        continue;
      }
      if (isJwtOption(param)) {
        put(jwt, param, true);
      } else {
        put(query, param, true);
        kept.append(kept.length() == 0 ? "" : "&").append(param);
      }
    }
    if (kept.length() > 0) {
      vendor.append('?').append(kept);
    }
  }

  private static boolean isJwtOption(String param) {
    return param.startsWith(JwtOption.PREFIX);
  }

  private static void put(Map<String, String> into, String param, boolean decode) {
    int eq = param.indexOf('=');
    String key = eq < 0 ? param : param.substring(0, eq);
    String value = eq < 0 ? "" : param.substring(eq + 1);
    into.put(decode ? percentDecode(key) : key, decode ? percentDecode(value) : value);
  }

  /**
   * Decodes {@code %XX} escapes (UTF-8). A {@code %} not followed by two hex digits stays as it is, so
   * {@code jwt.refreshAhead=25%} needs no escaping; {@code +} stays a plus (base64 keys contain it).
   */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      while (i + 2 < s.length() && s.charAt(i) == '%' && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
        bytes.write(hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
        i += 3;
      }
      if (bytes.size() > 0) {
        out.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
      }
      if (i < s.length()) {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /** The vendor driver's URL: {@code jdbc:} + the vendor part, without any {@code jwt.*} option. */
  public String vendorUrl() {
    return vendorUrl;
  }

  /** The {@code jwt.*} options found in the URL (decoded). */
  public Map<String, String> jwtOptions() {
    return jwtOptions;
  }

  /** A non-jwt query parameter of the vendor URL (decoded), such as {@code user}. */
  public Optional<String> queryParameter(String name) {
    return Optional.ofNullable(queryParameters.get(name));
  }

  /** The vendor's scheme: {@code postgresql}, {@code mysql}, {@code h2}, … */
  public String vendorScheme() {
    String v = vendorUrl.substring("jdbc:".length());
    int end = 0;
    while (end < v.length() && (Character.isLetterOrDigit(v.charAt(end)) || v.charAt(end) == '-')) {
      end++;
    }
    return v.substring(0, end);
  }
}
