package dev.jdbcjwt.spring.boot.autoconfigure;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.spi.TokenSourceProvider;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that spring-boot-configuration-processor generated (what IDEs complete and document),
 * checked against the option registry.
 */
class ConfigurationMetadataTest {

  /**
   * The {@code META-INF/spring-configuration-metadata.json} generated beside {@link JdbcJwtProperties} (in the
   * module's classes, or in its jar when another module tests it).
   */
  static Map<String, Object> metadata() throws Exception {
    URL location = JdbcJwtProperties.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader only = new URLClassLoader(new URL[] {location}, null);
         InputStream in = only.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("configuration metadata in %s", location).isNotNull();
      return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** The properties of the metadata by name, in the order the processor wrote them. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> properties() throws Exception {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Object p : (List<Object>) metadata().get("properties")) {
      Map<String, Object> property = (Map<String, Object>) p;
      byName.put((String) property.get("name"), property);
    }
    return byName;
  }

  @Test
  void everyPropertyHasADescriptionFromItsJavadoc() throws Exception {
    assertThat(properties()).isNotEmpty().allSatisfy((name, property) -> assertThat(property.get("description"))
        .as(name).isInstanceOf(String.class).asString().isNotBlank().endsWith("."));
  }

  @Test
  void everyOptionOfTheRegistryIsAPropertyThatNamesIt() throws Exception {
    Map<String, Map<String, Object>> properties = properties();
    for (JwtOption option : JwtOption.values()) {
      String name = "jdbc-jwt." + JdbcJwtPropertiesTest.propertyFor(option).replace(".team", "");
      assertThat(properties).as("metadata of %s", option.key()).containsKey(name);
      assertThat((String) properties.get(name).get("description")).contains(option.key());
    }
  }

  @Test
  void defaultsAreTheRegistrysDefaults() throws Exception {
    Map<String, Map<String, Object>> properties = properties();
    for (JwtOption option : JwtOption.values()) {
      Object shown = properties.get("jdbc-jwt." + JdbcJwtPropertiesTest.propertyFor(option).replace(".team", ""))
          .get("defaultValue");
      assertThat(shown == null ? null : String.valueOf(shown)).as("default of %s", option.key())
          .isEqualTo(option.defaultValue().orElse(null));
    }
    assertThat(properties.get("jdbc-jwt.enabled").get("defaultValue")).isEqualTo(true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void valueHintsAreTheRegistrysChoicesAndTheBuiltInProviders() throws Exception {
    Map<String, List<String>> hints = ((List<Object>) metadata().get("hints")).stream()
        .map(h -> (Map<String, Object>) h)
        .collect(Collectors.toMap(h -> (String) h.get("name"), h -> ((List<Object>) h.get("values")).stream()
            .map(v -> (String) ((Map<String, Object>) v).get("value")).toList()));
    assertThat(hints.get("jdbc-jwt.algorithm")).isEqualTo(JwtOption.ALGORITHM.choices());
    assertThat(hints.get("jdbc-jwt.client-auth-method")).isEqualTo(JwtOption.CLIENT_AUTH_METHOD.choices());
    List<String> providers = ServiceLoader.load(TokenSourceProvider.class).stream()
        .map(p -> p.get().name()).toList();
    assertThat(hints.get("jdbc-jwt.provider")).containsExactlyInAnyOrderElementsOf(providers);
  }
}
