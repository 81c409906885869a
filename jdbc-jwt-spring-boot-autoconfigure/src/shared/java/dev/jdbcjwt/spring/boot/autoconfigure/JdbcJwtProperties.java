package dev.jdbcjwt.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jdbc-jwt.*}: the token source of every HikariCP DataSource whose URL starts with {@code jdbc:jwt:}, so that
 * secrets come from Spring Boot's property sources (environment, config files, a vault) instead of the URL.
 * {@code jdbc-jwt.datasources.<bean name>.*} overrides single options for one DataSource bean.
 *
 * <p>Precedence, highest first: a {@code jwt.*} option in the JDBC URL; the pool's own data source properties
 * ({@code spring.datasource.hikari.data-source-properties}); {@code jdbc-jwt.datasources.<bean name>.*};
 * {@code jdbc-jwt.*}; the driver's default.
 */
@ConfigurationProperties(prefix = "jdbc-jwt")
public class JdbcJwtProperties extends TokenSourceProperties {

  /** Every property unset, as Spring Boot binds them. */
  public JdbcJwtProperties() {
  }

  /**
   * Whether the jdbc-jwt auto-configuration is active: these properties, HikariCP tuned to the token lifetime, the
   * health indicator and the metrics.
   */
  private boolean enabled = true;

  /**
   * Options for single DataSource beans, by bean name (dataSource for the one Spring Boot auto-configures); each
   * overrides the jdbc-jwt.* options of the same name for that DataSource only.
   */
  private Map<String, TokenSourceProperties> datasources = new LinkedHashMap<>();

  /**
   * Whether the starter configures {@code jdbc:jwt:} datasources ({@code jdbc-jwt.enabled}).
   *
   * @return true unless switched off
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Switches the starter on or off ({@code jdbc-jwt.enabled}).
   *
   * @param enabled false to leave every datasource as Spring Boot makes it
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The per-DataSource options ({@code jdbc-jwt.datasources.<beanName>.*}).
   *
   * @return the options by bean name
   */
  public Map<String, TokenSourceProperties> getDatasources() {
    return datasources;
  }

  /**
   * Sets the per-DataSource options.
   *
   * @param datasources the options by bean name
   */
  public void setDatasources(Map<String, TokenSourceProperties> datasources) {
    this.datasources = datasources;
  }

  /**
   * The options for the DataSource bean {@code beanName}: {@code jdbc-jwt.*} overlaid with
   * {@code jdbc-jwt.datasources.<beanName>.*}. The bean name matches ignoring case, dashes and underscores (so
   * environment variables can name it). Contains secrets: never log it.
   *
   * @param beanName the DataSource bean's name
   * @return the options by {@code jwt.*} name
   */
  public Map<String, String> optionsFor(String beanName) {
    Map<String, String> options = new TreeMap<>(toOptions());
    String wanted = normalize(beanName);
    datasources.forEach((name, specific) -> {
      if (normalize(name).equals(wanted)) {
        options.putAll(specific.toOptions());
      }
    });
    return options;
  }

  private static String normalize(String name) {
    return name == null ? "" : name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
