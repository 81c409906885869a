package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OptionType;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders what the Spring Boot module derives from {@link JwtOption}: the typed {@code TokenSourceProperties} (whose
 * Javadoc spring-boot-configuration-processor turns into each key's description and type) and
 * {@code additional-spring-configuration-metadata.json} (defaults and value hints). {@code RegistryDerivedSourcesTest}
 * keeps the committed files in step.
 */
final class RegistryDerivedSources {

  static final String REGENERATE = "mvn -pl jdbc-jwt-spring-boot-autoconfigure test "
      + "-Dtest=RegistryDerivedSourcesTest -Djdbcjwt.updateDocs=true";
  private static final Pattern PLACEHOLDER = Pattern.compile("<(\\w+)>");
  private static final int WIDTH = 120;

  private RegistryDerivedSources() {
  }

  /**
   * The Java field (and Spring property, in kebab case) of an option: jwt.clientSecret is clientSecret; "OAuth" is one
   * word (jwt.postgresOAuth is postgresOauth, so jdbc-jwt.postgres-oauth).
   */
  static String field(JwtOption option) {
    return option == JwtOption.CLAIM ? "claims"
        : option.key().substring(JwtOption.PREFIX.length()).replace("OAuth", "Oauth");
  }

  static String javaType(JwtOption option) {
    return switch (option.type()) {
      case DURATION -> "Duration";
      case BOOLEAN -> "Boolean";
      case PORT -> "Integer";
      case CHOICE -> option.choiceType().orElseThrow().getSimpleName();
      case PREFIX -> "Map<String, String>";
      default -> "String";
    };
  }

  /** The type the configuration metadata gives the property. */
  static String metadataType(JwtOption option) {
    return switch (option.type()) {
      case DURATION -> "java.time.Duration";
      case BOOLEAN -> "java.lang.Boolean";
      case PORT -> "java.lang.Integer";
      case CHOICE -> option.choiceType().orElseThrow().getName();
      case PREFIX -> "java.util.Map<java.lang.String,java.lang.String>";
      default -> "java.lang.String";
    };
  }

  /** The registry's description as plain text that is also valid Javadoc: {@code <name>} becomes NAME. */
  static String description(JwtOption option) {
    String key = option.type() == OptionType.PREFIX ? option.key() + "NAME" : option.key();
    Matcher m = PLACEHOLDER.matcher(option.description());
    StringBuilder text = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(text, m.group(1).toUpperCase(java.util.Locale.ROOT));
    }
    m.appendTail(text);
    String d = key + ": " + text;
    if (d.contains("<") || d.contains(">") || d.contains("&") || d.contains("*/") || d.contains("@")
        || d.contains("{")) {
      throw new IllegalStateException(option.key() + ": the description needs Javadoc escaping; rephrase it");
    }
    return d;
  }

  static String tokenSourceProperties() {
    StringBuilder b = new StringBuilder();
    b.append("package dev.jdbcjwt.spring.boot.autoconfigure;\n\n");
    TreeSet<String> imports = new TreeSet<>(List.of("dev.jdbcjwt.token.config.JwtOption"));
    for (JwtOption o : JwtOption.values()) {
      o.choiceType().ifPresent(t -> imports.add(t.getName()));
    }
    imports.forEach(i -> b.append("import ").append(i).append(";\n"));
    b.append("\nimport java.time.Duration;\nimport java.util.LinkedHashMap;\nimport java.util.Map;\n"
        + "import java.util.TreeMap;\n\n");
    b.append("/**\n"
        + " * The {@code jwt.*} options of a token source as typed Spring Boot properties: "
        + "{@code jdbc-jwt.client-secret} is\n"
        + " * {@code jwt.clientSecret}, and so on for every option of {@link JwtOption}. An unset property leaves the "
        + "option to\n"
        + " * the URL, the pool's own data source properties or the driver's default.\n"
        + " *\n"
        + " * <p>Generated from {@link JwtOption}; do not edit by hand. Regenerate with:\n"
        + " * {@code " + REGENERATE + "}\n"
        + " */\n"
        + "public class TokenSourceProperties {\n");
    for (JwtOption o : JwtOption.values()) {
      b.append('\n');
      javadoc(b, description(o), "  ");
      b.append("  private ").append(javaType(o)).append(' ').append(field(o))
          .append(o.type() == OptionType.PREFIX ? " = new LinkedHashMap<>()" : "").append(";\n");
    }
    b.append("\n  /** Every option unset, as Spring Boot binds them. */\n  public TokenSourceProperties() {\n  }\n");
    b.append("\n  /**\n   * The options set here, keyed by {@code jwt.*} name, in the driver's text form. Contains "
        + "secrets: never log it.\n   *\n   * @return the options set, by name\n   */\n"
        + "  public Map<String, String> toOptions() {\n"
        + "    Map<String, String> o = new TreeMap<>();\n");
    for (JwtOption o : JwtOption.values()) {
      b.append(o.type() == OptionType.PREFIX ? "    OptionText.putPrefixed(o, JwtOption." : "    OptionText.put(o, "
          + "JwtOption.").append(o.name()).append(", ").append(field(o)).append(");\n");
    }
    b.append("    return o;\n  }\n");
    for (JwtOption o : JwtOption.values()) {
      String f = field(o);
      String cap = Character.toUpperCase(f.charAt(0)) + f.substring(1);
      String t = javaType(o);
      String name = "{@code " + o.key() + (o.type() == OptionType.PREFIX ? "*" : "") + "}";
      b.append("\n  /**\n   * The option ").append(name).append(".\n   *\n   * @return the value; {@code null} when unset\n")
          .append("   */\n  public ").append(t).append(" get").append(cap).append("() {\n    return ").append(f)
          .append(";\n  }\n\n  /**\n   * Sets the option ").append(name).append(".\n   *\n   * @param ").append(f)
          .append(" the value; {@code null} leaves it unset\n   */\n  public void set").append(cap).append('(')
          .append(t).append(' ').append(f).append(") {\n    this.").append(f).append(" = ").append(f)
          .append(";\n  }\n");
    }
    return b.append("}\n").toString();
  }

  private static void javadoc(StringBuilder b, String text, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int room = WIDTH - indent.length() - 3;
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > room) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    if (lines.size() == 1 && lines.get(0).length() <= room - 4) {
      b.append(indent).append("/** ").append(lines.get(0)).append(" */\n");
      return;
    }
    b.append(indent).append("/**\n");
    lines.forEach(l -> b.append(indent).append(" * ").append(l).append('\n'));
    b.append(indent).append(" */\n");
  }

  /** Defaults and value hints, which the processor cannot see in the source (an unset property must stay null). */
  static String additionalMetadata() {
    List<String> properties = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    List<String> providers = ServiceLoader.load(TokenSourceProvider.class).stream().map(p -> p.get().name())
        .toList();
    hints.add(hint("provider", providers, true)); // built-in names; third-party providers are allowed too
    for (JwtOption o : JwtOption.values()) {
      String name = "jdbc-jwt." + kebab(field(o));
      o.defaultValue().ifPresent(d -> properties.add("    {\n      \"name\": \"" + name + "\",\n"
          + "      \"defaultValue\": " + (o.type() == OptionType.BOOLEAN ? d : "\"" + d + "\"") + "\n    }"));
      if (o.type() == OptionType.CHOICE) {
        hints.add(hint(kebab(field(o)), o.choices(), false));
      }
    }
    return "{\n  \"properties\": [\n" + String.join(",\n", properties) + "\n  ],\n  \"hints\": [\n"
        + String.join(",\n", hints) + "\n  ]\n}\n";
  }

  private static String hint(String property, List<String> values, boolean anyValue) {
    String rendered = String.join(",\n", values.stream()
        .map(v -> "        {\n          \"value\": \"" + v + "\"\n        }").toList());
    String any = anyValue
        ? ",\n      \"providers\": [\n        {\n          \"name\": \"any\"\n        }\n      ]" : "";
    return "    {\n      \"name\": \"jdbc-jwt." + property + "\",\n      \"values\": [\n" + rendered + "\n      ]"
        + any + "\n    }";
  }

  static String kebab(String camel) {
    return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
  }
}
