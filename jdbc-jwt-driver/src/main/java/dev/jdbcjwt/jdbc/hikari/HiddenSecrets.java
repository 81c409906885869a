package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;
import dev.jdbcjwt.token.providers.Redaction;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * HikariCP logs its configuration at DEBUG when a pool starts (in {@code validate()}), masking only the
 * {@code password} data source property: literal secret {@code jwt.*} options in the data source properties, and those
 * whose value our redaction would shorten (endpoints with a query, commands with arguments), are taken out for that
 * moment and put back afterwards, before the pool reads them. (A literal secret in the URL, which HikariCP
 * also logs, is first moved into the data source properties: {@code JwtHikari.moveLiteralSecretsOutOfUrl}.)
 */
final class HiddenSecrets {

  private HiddenSecrets() {
  }

  /**
   * A {@code jwt.*} option that must not appear as it is: a literal secret, or a value that {@link Redaction#option}
   * would shorten (an endpoint with a query, a command with arguments).
   */
  static boolean notPrintable(String name, String value) {
    return SecretReference.isLiteralSecret(name, value) || name.startsWith(JwtOption.PREFIX) && value != null
        && !value.equals(Redaction.option(name, value));
  }

  /** Runs {@code validate} (HikariCP's) on {@code config} with its literal secrets hidden. */
  static void during(HikariConfig config, Runnable validate) {
    Properties properties = config.getDataSourceProperties();
    Map<Object, Object> hidden = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (properties.containsKey(name) && notPrintable(name, properties.getProperty(name))) {
        hidden.put(name, properties.remove(name));
      }
    }
    try {
      validate.run();
    } finally {
      properties.putAll(hidden);
    }
  }

  /** A copy of {@code config} whose {@code validate()} hides the secrets: for {@code new HikariDataSource(config)}. */
  static HikariConfig quietCopyOf(HikariConfig config) {
    HikariConfig copy = new QuietConfig();
    config.copyStateTo(copy);
    return copy;
  }

  private static final class QuietConfig extends HikariConfig {
    @Override
    public void validate() {
      during(this, super::validate);
    }
  }
}
