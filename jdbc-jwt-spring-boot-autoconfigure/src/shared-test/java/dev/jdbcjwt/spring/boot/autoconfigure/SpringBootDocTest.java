package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.JwtOption;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties table of {@code docs/spring-boot.md} is generated from the configuration metadata (the Javadoc of
 * {@link JdbcJwtProperties}); this test fails when the committed page is stale.
 */
class SpringBootDocTest {

  private static final Path DOC = Path.of("..", "docs", "spring-boot.md");
  private static final String START = "<!-- properties:start (generated from the configuration metadata; regenerate "
      + "with: mvn -pl jdbc-jwt-spring-boot-autoconfigure test -Dtest=SpringBootDocTest -Djdbcjwt.updateDocs=true) -->";
  private static final String END = "<!-- properties:end -->";

  /** The table: jdbc-jwt.enabled and .datasources first, then one row per option, in the registry's order. */
  static String table() throws Exception {
    Map<String, Map<String, Object>> properties = new LinkedHashMap<>(ConfigurationMetadataTest.properties());
    List<String> order = new ArrayList<>(List.of("jdbc-jwt.enabled", "jdbc-jwt.datasources"));
    for (JwtOption option : JwtOption.values()) {
      order.add("jdbc-jwt." + JdbcJwtPropertiesTest.propertyFor(option).replace(".team", ""));
    }
    order.addAll(properties.keySet().stream().filter(name -> !order.contains(name)).toList());
    StringBuilder b = new StringBuilder("| Property | Default | Description |\n|---|---|---|\n");
    for (String name : order) {
      Map<String, Object> p = properties.get(name);
      String display = name.equals("jdbc-jwt.claims") ? "jdbc-jwt.claims.<name>"
          : name.equals("jdbc-jwt.datasources") ? "jdbc-jwt.datasources.<bean>.*" : name;
      Object def = p.get("defaultValue");
      b.append("| `").append(display).append("` | ").append(def == null ? "" : "`" + def + "`").append(" | ")
          .append(((String) p.get("description")).replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }
    return b.toString();
  }

  @Test
  void thePropertiesTableMatchesTheMetadata() throws Exception {
    String doc = Files.readString(DOC);
    int start = doc.indexOf(START);
    int end = doc.indexOf(END);
    assertThat(start).as("docs/spring-boot.md has the marker %s", START).isNotNegative();
    assertThat(end).as("docs/spring-boot.md has the marker %s", END).isGreaterThan(start);
    String expected = doc.substring(0, start + START.length()) + "\n\n" + table() + "\n" + doc.substring(end);
    if (Boolean.getBoolean("jdbcjwt.updateDocs")) {
      Files.writeString(DOC, expected);
      doc = expected;
    }
    assertThat(doc).as("docs/spring-boot.md is stale; regenerate it with: mvn -pl "
        + "jdbc-jwt-spring-boot-autoconfigure test -Dtest=SpringBootDocTest -Djdbcjwt.updateDocs=true")
        .isEqualTo(expected);
  }
}
