package dev.jdbcjwt.spring.boot.autoconfigure.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.spring.boot.autoconfigure.BootLine;
import dev.jdbcjwt.spring.boot.autoconfigure.JdbcJwtAutoConfiguration;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Literal secrets given as {@code jdbc-jwt.*} properties reach the DataSource HikariCP connects through, never what
 * HikariCP holds or prints: its DEBUG configuration dump, its configuration's getters once the pool runs, the
 * DataSource's {@code toString()}. Against an in-memory H2 database (no server needed).
 */
class LiteralSecretsTest {

  private static final String CLIENT_SECRET = "literal-client-secret-" + UUID.randomUUID();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(BootLine.DATA_SOURCE)
      .withConfiguration(AutoConfigurations.of(JdbcJwtAutoConfiguration.class));

  @Test
  void literalSecretsOfTheJdbcJwtPropertiesAreNeitherHeldNorPrintedByHikariCp() {
    LeakWatch.registerSecret(CLIENT_SECRET);
    String token = TestIssuer.shared().mint("sa");
    runner.withPropertyValues("spring.datasource.url=jdbc:jwt:h2:mem:literal-secrets",
            "spring.datasource.username=sa", "spring.datasource.hikari.pool-name=literal-secrets-pool",
            "spring.datasource.hikari.minimum-idle=0", "jdbc-jwt.provider=static", "jdbc-jwt.token=" + token,
            "jdbc-jwt.client-secret=" + CLIENT_SECRET)
        .run(context -> {
          assertThat(context).hasNotFailed();
          BootJwtHikariDataSource pool = context.getBean(BootJwtHikariDataSource.class);
          try (Connection c = pool.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
          }
          assertThat(pool.getDataSourceProperties().stringPropertyNames()).noneMatch(n -> n.startsWith("jwt."));
          assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:jwt:h2:mem:literal-secrets");
          assertThat(pool.getDataSource()).asString()
              .contains("jwt.clientSecret=<redacted>", "jwt.token=<redacted>", "jwt.provider=static");
          for (Method m : HikariConfig.class.getMethods()) {
            boolean getter = m.getName().startsWith("get") || m.getName().startsWith("is");
            if (getter && m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class) {
              String text = String.valueOf(m.invoke(pool));
              assertThat(LeakWatch.leaksIn(text).isEmpty() && !text.contains(CLIENT_SECRET))
                  .as("HikariConfig." + m.getName() + "() of the running pool shows no secret").isTrue();
            }
          }
        });
    List<String> records = LeakWatch.captured();
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig")
        && r.contains("literal-secrets-pool") && r.contains("configuration:"))).as("the dump was captured").isTrue();
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig")
        && r.contains("jwt.clientSecret=<redacted>"))).as("the dump names the options").isTrue();
    assertThat(records.stream().allMatch(r -> LeakWatch.leaksIn(r).isEmpty() && !r.contains(CLIENT_SECRET)))
        .as("no captured record holds the token or the client secret").isTrue();
  }
}
