package dev.jdbcjwt.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.util.Map;

/**
 * What the shared tests ({@code src/shared-test}) need of the Spring Boot line they run on, here Spring Boot 3: the
 * classes whose packages moved between Boot 3 and Boot 4, and a neutral view of a {@code Health}. The Boot 4 module
 * has a class of the same name for Boot 4; nothing else in the tests differs between the lines.
 */
public final class BootLine {

  /** Boot's DataSource auto-configuration. */
  public static final AutoConfigurations DATA_SOURCE = AutoConfigurations.of(DataSourceAutoConfiguration.class);

  /** Boot's Micrometer auto-configuration with a simple registry. */
  public static final AutoConfigurations METRICS = AutoConfigurations.of(MetricsAutoConfiguration.class,
      CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

  private BootLine() {
  }

  /** A class loader without Spring Boot's health API (an application without Actuator). */
  public static FilteredClassLoader withoutHealth() {
    return new FilteredClassLoader(HealthIndicator.class);
  }

  /**
   * A class loader without Spring JDBC (an application without a JDBC starter: Boot 3's DataSourceProperties is still
   * there, in spring-boot-autoconfigure).
   */
  public static FilteredClassLoader withoutBootJdbc() {
    return new FilteredClassLoader("org.springframework.jdbc");
  }

  /** What {@code indicator} reports now. */
  public static HealthReading health(JdbcJwtHealthIndicator indicator) {
    Health health = indicator.health();
    return new HealthReading(health.getStatus().getCode(), health.getDetails(), health.toString());
  }

  /** The health contributor Actuator registered under {@code name}. */
  public static Object healthContributor(ApplicationContext context, String name) {
    return context.getBean(HealthContributorRegistry.class).getContributor(name);
  }

  /**
   * A {@code Health} as the tests read it.
   *
   * @param status its status code
   * @param details its details
   * @param text its {@code toString()}
   */
  public record HealthReading(String status, Map<String, Object> details, String text) {
  }

  /** Spring Boot's documented primary DataSource of an application with several ({@code spring.datasource.*}). */
  @Configuration(proxyBeanMethods = false)
  public static class PrimaryDataSource {

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
      return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
  }

  /** Spring Boot's documented second DataSource ({@code app.reporting.datasource.*}), no default candidate. */
  @Configuration(proxyBeanMethods = false)
  public static class ReportingDataSource {

    @Bean(defaultCandidate = false)
    @ConfigurationProperties("app.reporting.datasource")
    DataSourceProperties reportingDataSourceProperties() {
      return new DataSourceProperties();
    }

    @Bean(defaultCandidate = false)
    @ConfigurationProperties("app.reporting.datasource.hikari")
    HikariDataSource reportingDataSource(
        @Qualifier("reportingDataSourceProperties") DataSourceProperties properties) {
      return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
  }
}
