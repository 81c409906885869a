package dev.jdbcjwt.token.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationReferenceTest {

  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void committedReferenceMatchesTheRegistry() throws Exception {
    String expected = ConfigurationReference.markdown();
    if (Boolean.getBoolean("jdbcjwt.updateDocs")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, expected);
    }
    assertThat(Files.exists(DOC)).as("docs/configuration.md exists").isTrue();
    assertThat(Files.readString(DOC))
        .as("docs/configuration.md is stale; regenerate it with: mvn -pl token-providers test "
            + "-Dtest=ConfigurationReferenceTest -Djdbcjwt.updateDocs=true")
        .isEqualTo(expected);
  }

  @Test
  void everyOptionIsDocumentedAndNamedInTheSameStyle() {
    Set<String> keys = new HashSet<>();
    for (JwtOption o : JwtOption.values()) {
      assertThat(o.key()).startsWith("jwt.").matches("jwt\\.[a-z][A-Za-z]*\\.?");
      assertThat(keys.add(o.key())).as("unique " + o.key()).isTrue();
      assertThat(o.description()).isNotBlank().endsWith(".");
      assertThat(ConfigurationReference.markdown()).contains("`" + o.key());
      assertThat(o.type() == OptionType.CHOICE || o.type() == OptionType.BOOLEAN).isEqualTo(!o.choices().isEmpty());
      assertThat(o.type() == OptionType.CHOICE).isEqualTo(o.choiceType().isPresent());
      o.defaultValue().filter(d -> o.type() == OptionType.DURATION).ifPresent(Durations::parse);
    }
    assertThat(Arrays.stream(JwtOption.values()).filter(JwtOption::isSecret).map(JwtOption::key))
        .contains("jwt.token", "jwt.signingKey");
  }
}
