package dev.jdbcjwt.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.BootJwtHikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.JwtHikariPostProcessor;
import dev.jdbcjwt.spring.boot.autoconfigure.jdbc.JwtDriverClassNamePostProcessor;
import dev.jdbcjwt.spring.boot.autoconfigure.metrics.JdbcJwtMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which beans the auto-configuration contributes, with and without its optional libraries. No database needed. Runs
 * on every Spring Boot line ({@link BootLine}).
 */
class JdbcJwtAutoConfigurationTest {

  private static final String URL = "jdbc:jwt:postgresql://db.invalid:5432/orders?jwt.provider=signed";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(JdbcJwtAutoConfiguration.class));

  private final ApplicationContextRunner withDataSource = new ApplicationContextRunner()
      .withConfiguration(BootLine.DATA_SOURCE)
      .withConfiguration(AutoConfigurations.of(JdbcJwtAutoConfiguration.class));

  @Test
  void contributesEveryPartWhenItsLibraryIsPresent() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(JdbcJwtProperties.class)
          .hasSingleBean(SpringBootLineCheck.class) // and it let this line's Boot through
          .hasSingleBean(JwtDriverClassNamePostProcessor.class)
          .hasSingleBean(JwtHikariPostProcessor.class)
          .hasSingleBean(JdbcJwtHealthIndicator.class)
          .hasSingleBean(JdbcJwtMetrics.class);
      assertThat(context).hasBean("jdbcJwtHealthIndicator");
    });
  }

  @Test
  void canBeTurnedOff() {
    runner.withPropertyValues("jdbc-jwt.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(JdbcJwtProperties.class)
        .doesNotHaveBean(JwtHikariPostProcessor.class)
        .doesNotHaveBean(JdbcJwtHealthIndicator.class)
        .doesNotHaveBean(JdbcJwtMetrics.class));
  }

  @Test
  void withoutHikariThereIsNoPoolTuning() {
    runner.withClassLoader(new FilteredClassLoader(HikariDataSource.class)).run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(JwtHikariPostProcessor.class)
        .hasSingleBean(JdbcJwtHealthIndicator.class)
        .hasSingleBean(JdbcJwtMetrics.class));
  }

  @Test
  void withoutActuatorHealthThereIsNoHealthIndicator() {
    runner.withClassLoader(BootLine.withoutHealth()).run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(JdbcJwtHealthIndicator.class)
        .hasSingleBean(JwtHikariPostProcessor.class)
        .hasSingleBean(JdbcJwtMetrics.class));
  }

  @Test
  void theHealthIndicatorFollowsManagementHealthEnabled() {
    runner.withPropertyValues("management.health.jdbc-jwt.enabled=false").run(context -> assertThat(context)
        .doesNotHaveBean(JdbcJwtHealthIndicator.class)
        .hasSingleBean(JdbcJwtMetrics.class));
  }

  @Test
  void withoutMicrometerThereAreNoMetrics() {
    runner.withClassLoader(new FilteredClassLoader(MeterBinder.class)).run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(JdbcJwtMetrics.class)
        .hasSingleBean(JdbcJwtHealthIndicator.class)
        .hasSingleBean(JwtHikariPostProcessor.class));
  }

  @Test
  void withoutSpringBootJdbcOnlyTheJdbcFreePartsRemain() {
    runner.withClassLoader(BootLine.withoutBootJdbc()).run(context -> assertThat(context)
        .hasNotFailed()
        .doesNotHaveBean(JwtDriverClassNamePostProcessor.class)
        .hasSingleBean(JdbcJwtHealthIndicator.class));
  }

  @Test
  void theApplicationsOwnBeansWin() {
    runner.withUserConfiguration(OwnBeans.class).run(context -> {
      assertThat(context).hasSingleBean(JdbcJwtHealthIndicator.class).hasSingleBean(JdbcJwtMetrics.class);
      assertThat(context.getBean(JdbcJwtHealthIndicator.class)).isSameAs(OwnBeans.HEALTH);
      assertThat(context.getBean(JdbcJwtMetrics.class)).isSameAs(OwnBeans.METRICS);
    });
  }

  @Test
  void aJwtUrlAloneMakesBootsDataSourceAJwtHikariPool() {
    withDataSource.withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=orders",
            "spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.pool-name=orders-pool",
            "jdbc-jwt.issuer=https://issuer.example", "jdbc-jwt.ttl=10m",
            "jdbc-jwt.signing-key=-----BEGIN PRIVATE KEY-----not-a-real-key-----END PRIVATE KEY-----")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
          BootJwtHikariDataSource ds = context.getBean(BootJwtHikariDataSource.class);
          // Boot's own settings survive the replacement; the URL's options moved into the properties
          assertThat(ds.getJdbcUrl()).isEqualTo("jdbc:jwt:postgresql://db.invalid:5432/orders");
          assertThat(ds.getDataSourceProperties()).containsEntry("jwt.provider", "signed");
          assertThat(ds.getUsername()).isEqualTo("orders");
          assertThat(ds.getMaximumPoolSize()).isEqualTo(3);
          assertThat(ds.getPoolName()).isEqualTo("orders-pool");
          assertThat(ds.getDriverClassName()).isEqualTo(JwtDriver.class.getName());
          // options from jdbc-jwt.*, the literal secret too: when the pool starts, they move into the DataSource
          // it connects through, before HikariCP prints its configuration (LiteralSecretsTest)
          assertThat(ds.getDataSourceProperties()).containsEntry("jwt.issuer", "https://issuer.example")
              .containsEntry("jwt.ttl", "10m")
              .containsKey("jwt.signingKey");
          assertThat(ds.dataSourceName()).isEqualTo("dataSource");
        });
  }

  @Test
  void withoutTheAutoConfigurationBootCannotTellTheDriverOfAJwtUrl() {
    // the control for the test above: H2 is on the test class path, so Boot picks its driver for an unknown URL
    withDataSource.withPropertyValues("spring.datasource.url=" + URL, "jdbc-jwt.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          HikariDataSource ds = context.getBean(HikariDataSource.class);
          assertThat(ds).isNotInstanceOf(BootJwtHikariDataSource.class);
          assertThat(ds.getDriverClassName()).isEqualTo("org.h2.Driver");
        });
  }

  @Test
  void referencesToSecretsStayInTheDataSourceProperties() {
    withDataSource.withPropertyValues("spring.datasource.url=" + URL,
            "jdbc-jwt.signing-key=file:/run/secrets/orders.pem", "jdbc-jwt.client-secret=env:ORDERS_SECRET")
        .run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
            .containsEntry("jwt.signingKey", "file:/run/secrets/orders.pem")
            .containsEntry("jwt.clientSecret", "env:ORDERS_SECRET"));
  }

  @Test
  void thePoolsOwnDataSourcePropertiesWinOverJdbcJwtProperties() {
    withDataSource.withPropertyValues("spring.datasource.url=" + URL, "jdbc-jwt.issuer=https://from-jdbc-jwt",
            "spring.datasource.hikari.data-source-properties[jwt.issuer]=https://from-the-pool")
        .run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
            .containsEntry("jwt.issuer", "https://from-the-pool"));
  }

  @Test
  void theDataSourceUrlIsTrustedForItsOwnPoolOnlyAndTheJdbcJwtPropertiesWinForApplicationOptions() {
    withDataSource.withPropertyValues("spring.datasource.url=" + URL + "&jwt.issuer=https://from-the-url"
            + "&jwt.clockSkew=5s&jwt.ttl=2m&jwt.clientSecret=from-the-url", "jdbc-jwt.issuer=https://from-jdbc-jwt",
            "jdbc-jwt.clock-skew=20s", "jdbc-jwt.client-secret=literal-from-jdbc-jwt")
        .run(context -> {
          assertThat(context).hasNotFailed();
          HikariDataSource ds = context.getBean(HikariDataSource.class);
          assertThat(ds.getJdbcUrl()).isEqualTo("jdbc:jwt:postgresql://db.invalid:5432/orders");
          assertThat(ds.getDataSourceProperties()).containsEntry("jwt.issuer", "https://from-jdbc-jwt")
              .containsEntry("jwt.clockSkew", "5s").containsEntry("jwt.ttl", "2m")
              .containsEntry("jwt.provider", "signed").containsEntry("jwt.clientSecret", "literal-from-jdbc-jwt");
          assertThat(JwtDriver.urlsTrusted()).as("trusted for this pool, not JVM-wide").isFalse();
        });
  }

  @Test
  void aMistakeInTheJdbcJwtPropertiesFailsTheStartNamingTheOption() {
    withDataSource.withPropertyValues("spring.datasource.url=" + URL, "jdbc-jwt.refresh-ahead=150%")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasMessageContaining("DataSource 'dataSource'").hasMessageContaining("jwt.refreshAhead")
            .hasMessageContaining("150%"));
  }

  @Test
  void everyJwtHikariDataSourceBeanIsHandledWithItsOwnOptions() {
    withDataSource.withUserConfiguration(TwoDataSources.class)
        .withPropertyValues("spring.datasource.url=" + URL, "jdbc-jwt.issuer=https://issuer.example",
            "jdbc-jwt.audience=orders-db", "jdbc-jwt.datasources.reporting-data-source.audience=reporting-db",
            "jdbc-jwt.datasources.reporting-data-source.claims.team=bi")
        .run(context -> {
          assertThat(context).hasNotFailed();
          BootJwtHikariDataSource orders = (BootJwtHikariDataSource) context.getBean("dataSource");
          BootJwtHikariDataSource reporting = (BootJwtHikariDataSource) context.getBean("reportingDataSource");
          assertThat(orders.getDataSourceProperties()).containsEntry("jwt.audience", "orders-db")
              .doesNotContainKey("jwt.claim.team");
          assertThat(reporting.getDataSourceProperties()).containsEntry("jwt.audience", "reporting-db")
              .containsEntry("jwt.issuer", "https://issuer.example")
              .containsEntry("jwt.claim.team", "bi");
          assertThat(reporting.getMaximumPoolSize()).isEqualTo(2);
          assertThat(((HikariDataSource) context.getBean("plainDataSource")))
              .as("a DataSource with a plain vendor URL is left alone")
              .isNotInstanceOf(BootJwtHikariDataSource.class);
        });
  }

  @Test
  void aPoolStartedBeforeJdbcJwtSawItIsLeftAsItIs() {
    runner.withUserConfiguration(StartedPool.class).withPropertyValues("jdbc-jwt.issuer=https://issuer.example")
        .run(context -> {
      assertThat(context).hasNotFailed();
      HikariDataSource ds = context.getBean(HikariDataSource.class);
      assertThat(ds).isNotInstanceOf(BootJwtHikariDataSource.class);
      assertThat(ds.getDataSourceProperties()).doesNotContainKey("jwt.issuer");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnBeans {
    static final JdbcJwtHealthIndicator HEALTH = new JdbcJwtHealthIndicator();
    static final JdbcJwtMetrics METRICS = new JdbcJwtMetrics(Stream::empty);

    @Bean
    JdbcJwtHealthIndicator myHealth() {
      return HEALTH;
    }

    @Bean
    JdbcJwtMetrics myMetrics() {
      return METRICS;
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Import(BootLine.PrimaryDataSource.class)
  static class TwoDataSources {

    @Bean
    HikariDataSource reportingDataSource() {
      HikariDataSource ds = DataSourceBuilder.create().type(HikariDataSource.class)
          .url("jdbc:jwt:postgresql://reporting.invalid:5432/bi?jwt.provider=signed").username("reporting").build();
      ds.setMaximumPoolSize(2);
      return ds;
    }

    @Bean
    HikariDataSource plainDataSource() {
      return DataSourceBuilder.create().type(HikariDataSource.class).url("jdbc:h2:mem:plain").build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class StartedPool {

    @Bean(destroyMethod = "close")
    HikariDataSource startedDataSource() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(URL);
      config.setInitializationFailTimeout(-1); // start without connecting
      return new HikariDataSource(config);
    }
  }
}
