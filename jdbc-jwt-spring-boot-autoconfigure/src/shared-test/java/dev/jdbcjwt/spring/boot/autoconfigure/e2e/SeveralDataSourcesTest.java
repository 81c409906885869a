package dev.jdbcjwt.spring.boot.autoconfigure.e2e;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.BootLine;
import dev.jdbcjwt.spring.boot.autoconfigure.JdbcJwtAutoConfiguration;
import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.BootJwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.spring.boot.autoconfigure.metrics.MeterLeakSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real PostgreSQL: the URL alone (no code, no jdbc-jwt.* property), and an application with three
 * DataSources of its own, each with its own database user and token source, one of them with per-DataSource options.
 */
class SeveralDataSourcesTest {

  private static final PostgresServer SERVER = PostgresServer.shared();
  private static final TestIssuer ISSUER = TestIssuer.shared();
  private static Path signingKey;

  @BeforeAll
  static void users() throws Exception {
    for (String user : new String[] {"boot_url_only", "boot_primary", "boot_reporting", "boot_short"}) {
      SERVER.createTokenUser(user);
    }
    signingKey = Files.createTempFile("jdbc-jwt-boot", ".pem",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(signingKey, ISSUER.privateKeyPem());
  }

  @AfterAll
  static void removeKey() throws Exception {
    // the 2-second tokens would otherwise go on being refreshed in the background for the rest of this JVM
    TokenCaches.clear();
    Files.deleteIfExists(signingKey);
  }

  private static String url() {
    return "jdbc:jwt:" + SERVER.vendorUrl() + "?sslmode=disable";
  }

  @Test
  void theUrlAloneIsEnough() {
    new ApplicationContextRunner()
        .withConfiguration(BootLine.DATA_SOURCE)
        .withConfiguration(AutoConfigurations.of(JdbcJwtAutoConfiguration.class))
        .withPropertyValues("spring.datasource.username=boot_url_only",
            "spring.datasource.url=" + url() + "&jwt.provider=signed&jwt.signingKey=file:" + signingKey
                + "&jwt.keyId=" + ISSUER.keyId() + "&jwt.issuer=" + ISSUER.issuer()
                + "&jwt.audience=" + ISSUER.audience())
        .run(context -> {
          assertThat(context).hasNotFailed();
          DataSource ds = context.getBean(DataSource.class);
          assertThat(ds).isInstanceOf(BootJwtHikariDataSource.class);
          assertThat(new JdbcTemplate(ds).queryForObject("select current_user", String.class))
              .isEqualTo("boot_url_only");
        });
  }

  @Test
  void eachDataSourceLogsInWithItsOwnTokens() {
    runner().run(context -> {
      assertThat(context).hasNotFailed();
      Map<String, DataSource> all = context.getBeansOfType(DataSource.class);
      assertThat(all).containsOnlyKeys("dataSource", "reportingDataSource", "shortLivedDataSource");
      assertThat(all.values()).allSatisfy(ds -> assertThat(ds).isInstanceOf(BootJwtHikariDataSource.class));
      assertThat(currentUser(all.get("dataSource"))).isEqualTo("boot_primary");
      assertThat(currentUser(all.get("reportingDataSource"))).isEqualTo("boot_reporting");
      assertThat(currentUser(all.get("shortLivedDataSource"))).isEqualTo("boot_short");

      assertThat(((HikariDataSource) all.get("reportingDataSource")).getMaximumPoolSize()).isEqualTo(2);
      // tokens of the short-lived pool are usable 2s: below HikariCP's 30s floor, so it retires them on borrow
      assertThat(((HikariDataSource) all.get("shortLivedDataSource")).getMaxLifetime()).isEqualTo(30_000);
      assertThat(((HikariDataSource) all.get("dataSource")).getMaxLifetime()).isGreaterThan(30_000);

      Map<String, Object> sources = sources(context.getBean(JdbcJwtHealthIndicator.class));
      for (String user : new String[] {"boot_primary", "boot_reporting", "boot_short"}) {
        assertThat(sources).containsKey("provider 'signed' for user '" + user + "' (issuer "
            + dev.jdbcjwt.testing.TestIssuer.shared().issuer() + ")");
      }
    });
  }

  @Test
  void connectionsWhoseTokenExpiredAreRetiredOnBorrowAndCounted() {
    runner().run(context -> {
      DataSource shortLived = context.getBean("shortLivedDataSource", DataSource.class);
      MeterRegistry meters = MeterLeakSource.watch(context.getBean(MeterRegistry.class));
      assertThat(currentUser(shortLived)).isEqualTo("boot_short");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      // borrow and return the same connection at once, again and again (HikariCP does not re-validate a
      // connection idle for less than 500 ms): once its 2s token has expired, the borrow retires it
      while (evicted(meters) == 0 && Instant.now().isBefore(deadline)) {
        try (Connection c = shortLived.getConnection()) {
          assertThat(c.isValid(1)).isTrue();
        }
        Thread.sleep(100);
      }
      assertThat(evicted(meters)).isPositive();
      assertThat(currentUser(shortLived)).isEqualTo("boot_short");
      assertThat(meters.get("jdbc.jwt.connections.evicted").tag("datasource", "dataSource").functionCounter()
          .count()).isZero();
    });
  }

  private static double evicted(MeterRegistry meters) {
    return meters.get("jdbc.jwt.connections.evicted").tags("datasource", "shortLivedDataSource",
        "reason", "token-expired").functionCounter().count();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(BootLine.DATA_SOURCE)
        .withConfiguration(BootLine.METRICS)
        .withConfiguration(AutoConfigurations.of(JdbcJwtAutoConfiguration.class))
        .withUserConfiguration(ThreeDataSources.class)
        .withPropertyValues(
            "spring.datasource.url=" + url(),
            "spring.datasource.username=boot_primary",
            "app.reporting.datasource.url=" + url(),
            "app.reporting.datasource.username=boot_reporting",
            "app.reporting.datasource.hikari.maximum-pool-size=2",
            "jdbc-jwt.provider=signed",
            "jdbc-jwt.signing-key=file:" + signingKey,
            "jdbc-jwt.key-id=" + ISSUER.keyId(),
            "jdbc-jwt.issuer=" + ISSUER.issuer(),
            "jdbc-jwt.audience=" + ISSUER.audience(),
            "jdbc-jwt.datasources.short-lived-data-source.ttl=40s",
            "jdbc-jwt.datasources.short-lived-data-source.clock-skew=38s");
  }

  private static String currentUser(DataSource ds) {
    return new JdbcTemplate(ds).queryForObject("select current_user", String.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sources(JdbcJwtHealthIndicator health) {
    return (Map<String, Object>) BootLine.health(health).details().get("sources");
  }

  /** Spring Boot's documented pattern for several DataSources, plus one built in code. */
  @Configuration(proxyBeanMethods = false)
  @Import({BootLine.PrimaryDataSource.class, BootLine.ReportingDataSource.class})
  static class ThreeDataSources {

    @Bean(defaultCandidate = false)
    HikariDataSource shortLivedDataSource(Environment environment) {
      return DataSourceBuilder.create().type(HikariDataSource.class)
          .url(environment.getRequiredProperty("spring.datasource.url"))
          .username("boot_short")
          .build();
    }
  }
}
