package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OptionType;
import dev.jdbcjwt.token.providers.Redaction;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code Driver.getPropertyInfo}: every {@code jwt.*} option from the registry (a secret's value is never echoed, only
 * whether it is set, other values as {@link Redaction#option} prints them; the value shown is the one connect would
 * use, so an application-only option refused in the URL
 * shows the properties' value), followed by the vendor driver's own properties when that driver is on the class path.
 */
public final class PropertyInfo {

  static final String SET_BUT_HIDDEN = Redaction.REDACTED;
  static final String APPLICATION_ONLY = " Application-only: set it as a connection property; in a JDBC URL it is "
      + "refused unless URLs are declared trusted (docs/security.md).";

  private PropertyInfo() {
  }

  public static DriverPropertyInfo[] describe(String url, Properties info) throws SQLException {
    Properties given = info == null ? new Properties() : info;
    JwtUrl parsed = null;
    if (JwtUrl.accepts(url)) {
      try {
        parsed = JwtUrl.parse(url);
      } catch (SQLException e) {
        // a half-typed URL in a tool: describe our options anyway
      }
    }
    Map<String, String> fromUrl = parsed == null ? Map.of() : parsed.jwtOptions();
    boolean trusted = UrlPolicy.needsTrust(fromUrl) && UrlTrust.trusted();
    List<DriverPropertyInfo> out = new ArrayList<>();
    for (JwtOption option : JwtOption.values()) {
      String key = option.type() == OptionType.PREFIX ? option.key() + "<name>" : option.key();
      String value = effective(option, fromUrl.get(option.key()), given.getProperty(option.key()), trusted);
      if (value != null) {
        value = option.isSecret() ? SET_BUT_HIDDEN : Redaction.option(option.key(), value);
      }
      DriverPropertyInfo p = new DriverPropertyInfo(key, value != null ? value : option.defaultValue().orElse(null));
      p.description = option.description() + (option.origin() == JwtOption.Origin.URL_ALLOWED ? ""
          : APPLICATION_ONLY);
      p.required = option == JwtOption.PROVIDER;
      p.choices = option.choices().isEmpty() ? null : option.choices().toArray(String[]::new);
      out.add(p);
    }
    if (parsed != null) {
      out.addAll(vendorProperties(parsed, given));
    }
    return out.toArray(DriverPropertyInfo[]::new);
  }

  /** The value connect would use: the URL's where it may give it and wins, else the properties'. */
  private static String effective(JwtOption option, String inUrl, String inProperties, boolean trusted) {
    if (inUrl != null && option.allowedFromUrl(inUrl)) {
      return inUrl;
    }
    if (inProperties != null) {
      return inProperties;
    }
    return trusted ? inUrl : null;
  }

  private static List<DriverPropertyInfo> vendorProperties(JwtUrl url, Properties given) {
    Properties vendorInfo = new Properties();
    for (String name : given.stringPropertyNames()) {
      if (!name.startsWith(JwtOption.PREFIX)) {
        vendorInfo.setProperty(name, given.getProperty(name));
      }
    }
    try {
      Driver vendor = DriverManager.getDriver(url.vendorUrl());
      List<DriverPropertyInfo> list = new ArrayList<>();
      Collections.addAll(list, vendor.getPropertyInfo(url.vendorUrl(), vendorInfo));
      return list;
    } catch (SQLException | RuntimeException e) {
      return List.of();
    }
  }
}
