package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.config.JwtOption;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The URL is a trust boundary: merges the {@code jwt.*} options of a JDBC URL with those of the application's
 * {@code Properties}. A URL-allowed option from the URL wins over the properties (as in pgjdbc). An application-only
 * option from the URL ({@link JwtOption#allowedFromUrl}) is refused, before anything reads a file, runs a command or
 * sends a request, unless URLs are declared trusted ({@link UrlTrust}); even then the properties win. Messages name the
 * options, never their values.
 */
public final class UrlPolicy {

  static final int NAMED_AT_MOST = 8;

  private UrlPolicy() {
  }

  /** True when {@code fromUrl} holds an option only a trusted URL may give. */
  public static boolean needsTrust(Map<String, String> fromUrl) {
    return !refusedIn(fromUrl).isEmpty();
  }

  /**
   * The effective options: {@code fromProperties} overlaid with {@code fromUrl} as described above.
   *
   * @throws SQLException HY000 naming the refused options and the two ways to allow them
   */
  public static Map<String, String> merge(Map<String, String> fromProperties, Map<String, String> fromUrl,
      boolean urlTrusted) throws SQLException {
    if (!urlTrusted) {
      Set<String> refused = refusedIn(fromUrl);
      if (!refused.isEmpty()) {
        throw refusal(refused);
      }
    }
    Map<String, String> merged = new TreeMap<>(fromProperties);
    fromUrl.forEach((key, value) -> {
      if (JwtOption.forKey(key).map(o -> o.allowedFromUrl(value)).orElse(true)) {
        merged.put(key, value); // unknown options are named by TokenConfig's own check
      } else {
        merged.putIfAbsent(key, value);
      }
    });
    return merged;
  }

  /**
   * For a URL that is trusted, or whose options were checked: moves the {@code jwt.*} options of {@code url} into
   * {@code properties} with the precedence of {@link #merge} and returns the URL without them, so the two mean the
   * same. Refuses (as {@link #merge}) when {@code urlTrusted} is false and the URL gives an application-only option:
   * the move never turns an untrusted URL's options into trusted properties.
   */
  public static String moveIntoProperties(String url, Properties properties, boolean urlTrusted)
      throws SQLException {
    JwtUrl parsed = JwtUrl.parse(url);
    Map<String, String> fromProperties = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(JwtOption.PREFIX)) {
        fromProperties.put(name, properties.getProperty(name));
      }
    }
    merge(fromProperties, parsed.jwtOptions(), urlTrusted).forEach(properties::setProperty);
    return JwtUrl.PREFIX + parsed.vendorUrl().substring("jdbc:".length());
  }

  private static Set<String> refusedIn(Map<String, String> fromUrl) {
    Set<String> refused = new LinkedHashSet<>();
    fromUrl.forEach((key, value) -> {
      Optional<JwtOption> option = JwtOption.forKey(key);
      if (option.isPresent() && !option.get().allowedFromUrl(value)) {
        refused.add(describe(option.get(), value));
      }
    });
    return refused;
  }

  /** The option's registry name (never the URL's text for a prefix option) and why, without the value. */
  private static String describe(JwtOption option, String value) {
    String name = option == JwtOption.CLAIM ? option.key() + "<name>" : option.key();
    if (value != null && dev.jdbcjwt.token.config.SecretReference.isReference(value.strip())) {
      return name + " (an env:/file: reference)";
    }
    if (option == JwtOption.PROVIDER) {
      return name + " (other than " + JwtOption.URL_PROVIDER + ")";
    }
    return name;
  }

  static SQLException refusal(Set<String> refused) {
    StringBuilder names = new StringBuilder();
    int i = 0;
    for (String r : refused) {
      if (i == NAMED_AT_MOST) {
        names.append(" and ").append(refused.size() - NAMED_AT_MOST).append(" more");
        break;
      }
      names.append(i == 0 ? "" : ", ").append(r);
      i++;
    }
    return Errors.configuration(names + (refused.size() == 1 ? " is" : " are") + " given in the JDBC URL, which may "
        + "not choose commands, files, environment variables, keys, cloud identities or where credentials go. "
        + "Pass " + (refused.size() == 1 ? "it" : "them") + " as connection properties instead (Properties, HikariCP "
        + "dataSourceProperties, JwtDataSource.setProperty, Spring Boot's jdbc-jwt.* properties), or, if this "
        + "application's URLs are its own configuration, declare them trusted: -D" + UrlTrust.SYSTEM_PROPERTY
        + "=true, " + UrlTrust.ENVIRONMENT_VARIABLE + "=true or JwtDriver.trustUrls(true) (docs/security.md)");
  }
}
