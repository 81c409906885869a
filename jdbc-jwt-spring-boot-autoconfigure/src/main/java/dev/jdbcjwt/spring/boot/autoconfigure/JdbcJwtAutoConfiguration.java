package dev.jdbcjwt.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.JwtHikariPostProcessor;
import dev.jdbcjwt.spring.boot.autoconfigure.jdbc.JwtDriverClassNamePostProcessor;
import dev.jdbcjwt.spring.boot.autoconfigure.metrics.JdbcJwtMetrics;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Auto-configuration of the {@code jdbc:jwt:} driver: {@code spring.datasource.url=jdbc:jwt:…} works without code,
 * typed {@code jdbc-jwt.*} properties reach every HikariCP pool with a {@code jdbc:jwt:} URL, those pools are tuned to
 * the token lifetime, and the token sources get a health indicator ({@code jdbcJwt}) and Micrometer meters. Each part
 * is active only when its library is on the class path; every bean can be replaced by one of the same type.
 * {@code jdbc-jwt.enabled=false} turns all of it off.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(JwtDriver.class)
@ConditionalOnBooleanProperty(name = "jdbc-jwt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JdbcJwtProperties.class)
public class JdbcJwtAutoConfiguration {

  /** {@code spring.datasource.url=jdbc:jwt:…} without {@code spring.datasource.driver-class-name}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(DataSourceProperties.class)
  static class DriverClassNameConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static JwtDriverClassNamePostProcessor jdbcJwtDriverClassNamePostProcessor() {
      return new JwtDriverClassNamePostProcessor();
    }
  }

  /** HikariCP pools with a {@code jdbc:jwt:} URL: options from {@code jdbc-jwt.*}, tuned to the token lifetime. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HikariDataSource.class)
  static class HikariConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static JwtHikariPostProcessor jdbcJwtHikariPostProcessor(ObjectProvider<JdbcJwtProperties> properties) {
      return new JwtHikariPostProcessor(properties);
    }
  }

  /** Actuator's health of every token source. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class HealthConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnEnabledHealthIndicator("jdbc-jwt")
    JdbcJwtHealthIndicator jdbcJwtHealthIndicator() {
      return new JdbcJwtHealthIndicator();
    }
  }

  /** Micrometer meters of every token source and of the pools configured here. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterBinder.class)
  static class MetricsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JdbcJwtMetrics jdbcJwtMetrics(ListableBeanFactory beans) {
      // every DataSource bean, also those that are no default candidates for injection (@Bean(defaultCandidate =
      // false), as secondary DataSources are often declared): ObjectProvider would not see those
      return new JdbcJwtMetrics(() -> beans.getBeansOfType(DataSource.class).values().stream());
    }
  }
}
