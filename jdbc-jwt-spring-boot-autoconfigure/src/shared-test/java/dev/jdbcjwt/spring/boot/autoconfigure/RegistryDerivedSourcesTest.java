package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.JwtOption;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot properties are derived from the option registry: the committed {@code TokenSourceProperties} and
 * {@code additional-spring-configuration-metadata.json} are what {@link RegistryDerivedSources} renders from
 * {@link JwtOption}, and the metadata the processor builds from them gives every option its key, description and
 * type. Fails when a committed file is stale; {@code -Djdbcjwt.updateDocs=true} rewrites them.
 */
class RegistryDerivedSourcesTest {

  /** The shared sources, from whichever Boot line's module runs this test (they are all siblings). */
  private static final Path SHARED = Path.of("..", "jdbc-jwt-spring-boot-autoconfigure", "src", "shared");
  private static final Path PROPERTIES = SHARED.resolve(
      "java/dev/jdbcjwt/spring/boot/autoconfigure/TokenSourceProperties.java");
  private static final Path METADATA = SHARED.resolve(
      "resources/META-INF/additional-spring-configuration-metadata.json");

  private static void assertCommitted(Path file, String expected) throws Exception {
    if (Boolean.getBoolean("jdbcjwt.updateDocs")) {
      Files.writeString(file, expected);
    }
    assertThat(Files.readString(file)).as("%s is stale; regenerate it with: %s", file.getFileName(),
        RegistryDerivedSources.REGENERATE).isEqualTo(expected);
  }

  @Test
  void tokenSourcePropertiesIsGeneratedFromTheRegistry() throws Exception {
    assertCommitted(PROPERTIES, RegistryDerivedSources.tokenSourceProperties());
  }

  @Test
  void theAdditionalMetadataIsGeneratedFromTheRegistry() throws Exception {
    assertCommitted(METADATA, RegistryDerivedSources.additionalMetadata());
  }

  @Test
  void theMetadataGivesEveryOptionItsDescriptionAndType() throws Exception {
    Map<String, Map<String, Object>> properties = ConfigurationMetadataTest.properties();
    for (JwtOption option : JwtOption.values()) {
      String name = "jdbc-jwt." + RegistryDerivedSources.kebab(RegistryDerivedSources.field(option));
      assertThat(properties).as("metadata of %s", option.key()).containsKey(name);
      assertThat(properties.get(name).get("type")).as("type of %s", name)
          .isEqualTo(RegistryDerivedSources.metadataType(option));
      assertThat(properties.get(name).get("description")).as("description of %s", name)
          .isEqualTo(RegistryDerivedSources.description(option));
    }
  }
}
