package dev.jdbcjwt.token.config;

import java.util.stream.Collectors;

/** Renders {@code docs/configuration.md} from {@link JwtOption}; a test keeps the committed file in step. */
public final class ConfigurationReference {

  private ConfigurationReference() {
  }

  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Configuration reference\n\n")
        .append("<!-- Generated from dev.jdbcjwt.token.config.JwtOption; do not edit by hand. Regenerate with:\n")
        .append("     mvn -pl token-providers test -Dtest=ConfigurationReferenceTest -Djdbcjwt.updateDocs=true -->\n\n")
        .append("Options go into the JDBC URL's query (`jdbc:jwt:postgresql://host/db?jwt.provider=signed&...`), ")
        .append("into `;`-separated segments for vendors that use them (`jdbc:jwt:h2:mem:db;jwt.provider=signed`), ")
        .append("or into the connection `Properties`. Every `jwt.*` option ")
        .append("is removed before the vendor driver sees the URL and properties; everything else reaches it ")
        .append("untouched.\n\n")
        .append("**The URL is a trust boundary** ([security](security.md#the-url-is-a-trust-boundary)). The column ")
        .append("*From* says where an option may come from. *URL or application*: from the URL or from the ")
        .append("properties; when both give it, the URL wins. *application*: only from the application's own ")
        .append("configuration (connection `Properties`, HikariCP `dataSourceProperties`, the DataSources' setters, ")
        .append("Spring Boot's `jdbc-jwt.*` properties); in a URL it is refused with SQLState `HY000` unless the ")
        .append("application declares its URLs trusted (`-Djdbcjwt.trustUrls=true`, `JDBCJWT_TRUST_URLS=true` or ")
        .append("`JwtDriver.trustUrls(true)`), and even then the properties win. An `env:`/`file:` reference is ")
        .append("application-only in every option.\n\n")
        .append("Secret options accept `env:NAME` (an environment variable) and `file:/path` (a file's content) ")
        .append("instead of the value; a literal secret in a URL works but is warned about once. ")
        .append("Durations accept `90s`, `15m`, `1h`, `500ms`, `2d`, combinations such as `1h30m`, and ISO-8601 ")
        .append("(`PT90S`).\n");
    for (JwtOption.Group group : JwtOption.Group.values()) {
      b.append("\n## ").append(group.title()).append("\n\n")
          .append("| Option | Type | Default | From | Description |\n")
          .append("|---|---|---|---|---|\n");
      for (JwtOption o : JwtOption.values()) {
        if (o.group() != group) {
          continue;
        }
        String name = o.type() == OptionType.PREFIX ? o.key() + "<name>" : o.key();
        String type = o.type() == OptionType.CHOICE
            ? o.choices().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "))
            : o.type().name().toLowerCase(java.util.Locale.ROOT);
        b.append("| `").append(name).append("` | ").append(type).append(" | ")
            .append(o.defaultValue().map(d -> "`" + d + "`").orElse("")).append(" | ")
            .append(o.originDescription()).append(" | ")
            .append(o.description().replace("|", "\\|")).append(" |\n");
      }
    }
    return b.toString();
  }
}
