package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OptionType;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdbc-jwt.*} bound as Spring Boot binds it, and mapped to the driver's {@code jwt.*} options. */
class JdbcJwtPropertiesTest {

  /** {@code jwt.clientSecret} → {@code client-secret}; {@code jwt.claim.} → {@code claims.team}. */
  static String propertyFor(JwtOption option) {
    if (option == JwtOption.CLAIM) {
      return "claims.team";
    }
    // "OAuth" is one word in a property name: jwt.postgresOAuth is jdbc-jwt.postgres-oauth
    return option.key().substring(JwtOption.PREFIX.length()).replace("OAuth", "Oauth").replaceAll("([A-Z])", "-$1")
        .toLowerCase();
  }

  private static String sampleValue(JwtOption option) {
    return switch (option.type()) {
      case DURATION -> "90s";
      case SHARE_OR_DURATION -> "20%";
      case CHOICE, BOOLEAN -> option.choices().get(option.choices().size() - 1);
      case PORT -> "5432";
      default -> "value-of-" + option.name().toLowerCase();
    };
  }

  private static JdbcJwtProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bind("jdbc-jwt", JdbcJwtProperties.class)
        .orElseGet(JdbcJwtProperties::new);
  }

  @Test
  void everyOptionOfTheRegistryHasATypedPropertyThatMapsToIt() throws Exception {
    Map<String, String> properties = new HashMap<>();
    for (JwtOption option : JwtOption.values()) {
      properties.put("jdbc-jwt." + propertyFor(option), sampleValue(option));
    }

    Map<String, String> options = bind(properties).toOptions();

    for (JwtOption option : JwtOption.values()) {
      String key = option == JwtOption.CLAIM ? "jwt.claim.team" : option.key();
      assertThat(options).as("jdbc-jwt.%s maps to %s", propertyFor(option), key).containsKey(key);
      if (option.type() == OptionType.DURATION) {
        assertThat(Durations.parse(options.get(key))).isEqualTo(Durations.parse(sampleValue(option)));
      } else {
        assertThat(options.get(key)).isEqualTo(sampleValue(option));
      }
    }
    assertThat(options).hasSize(JwtOption.values().length);
    TokenConfig.of(options, "app"); // the driver's own validation accepts what the mapping produces
  }

  @Test
  void unsetPropertiesLeaveTheOptionsToTheUrlAndTheDriversDefaults() {
    assertThat(bind(Map.of()).toOptions()).isEmpty();
    assertThat(bind(Map.of("jdbc-jwt.provider", "signed")).toOptions()).containsOnlyKeys("jwt.provider");
  }

  @Test
  void durationsKeepTheirExactValue() {
    Map<String, String> options = bind(Map.of("jdbc-jwt.clock-skew", "1500ms", "jdbc-jwt.ttl", "PT1H30M",
        "jdbc-jwt.fetch-timeout", "2m")).toOptions();
    assertThat(options).containsEntry("jwt.clockSkew", "1500ms").containsEntry("jwt.ttl", "90m")
        .containsEntry("jwt.fetchTimeout", "2m");
    assertThat(OptionText.text(java.time.Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(OptionText.text(java.time.Duration.ofHours(2))).isEqualTo("2h");
    assertThat(OptionText.text(java.time.Duration.ZERO)).isEqualTo("0s");
    assertThat(OptionText.text(java.time.Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    for (String text : new String[] {"90s", "2h", "0s", "1500ms", "PT0.0000015S", "90m"}) {
      Durations.parse(text); // every form is one the driver reads
    }
  }

  @Test
  void onExpiryAndBooleansTakeSpringsUsualSpellings() {
    Map<String, String> options = bind(Map.of("jdbc-jwt.on-expiry", "CLOSE", "jdbc-jwt.allow-insecure-http", "TRUE"))
        .toOptions();
    assertThat(options).containsEntry("jwt.onExpiry", "close").containsEntry("jwt.allowInsecureHttp", "true");
  }

  @Test
  void oneDataSourcesOptionsOverrideTheCommonOnesForThatBeanOnly() {
    JdbcJwtProperties properties = bind(Map.of(
        "jdbc-jwt.provider", "client-credentials",
        "jdbc-jwt.client-id", "orders",
        "jdbc-jwt.scope", "orders-db",
        "jdbc-jwt.datasources.reporting-data-source.client-id", "reporting",
        "jdbc-jwt.datasources.reporting-data-source.claims.team", "bi"));

    assertThat(properties.optionsFor("dataSource")).containsEntry("jwt.clientId", "orders")
        .doesNotContainKey("jwt.claim.team");
    assertThat(properties.optionsFor("reportingDataSource")).containsEntry("jwt.clientId", "reporting")
        .containsEntry("jwt.scope", "orders-db")
        .containsEntry("jwt.provider", "client-credentials")
        .containsEntry("jwt.claim.team", "bi");
    // environment variables can only name it in upper case without dashes
    Map<String, Object> environment = Map.of("JDBCJWT_DATASOURCES_REPORTINGDATASOURCE_CLIENTID", "reporting",
        "JDBCJWT_CLIENTSECRET", "from-the-environment");
    JdbcJwtProperties fromEnvironment = new Binder(ConfigurationPropertySources.from(
            new SystemEnvironmentPropertySource("systemEnvironment", environment)))
        .bind("jdbc-jwt", JdbcJwtProperties.class).get();
    assertThat(fromEnvironment.optionsFor("reportingDataSource")).containsEntry("jwt.clientId", "reporting")
        .containsEntry("jwt.clientSecret", "from-the-environment");
  }
}
