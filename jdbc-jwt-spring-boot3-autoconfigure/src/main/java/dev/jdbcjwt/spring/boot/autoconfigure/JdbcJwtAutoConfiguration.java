package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;
import dev.jdbcjwt.spring.boot.autoconfigure.jdbc.JwtDriverClassNamePostProcessor;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

/**
 * Auto-configuration of the {@code jdbc:jwt:} driver for Spring Boot 3.5, the same as for Spring Boot 4:
 * {@code spring.datasource.url=jdbc:jwt:…} works without code, typed {@code jdbc-jwt.*} properties reach every
 * HikariCP pool with a {@code jdbc:jwt:} URL, those pools are tuned to the token lifetime, and the token sources get
 * a health indicator ({@code jdbcJwt}) and Micrometer meters. Each part is active only when its library is on the
 * class path; every bean can be replaced by one of the same type. {@code jdbc-jwt.enabled=false} turns all of it off.
 *
 * <p>The HikariCP and Micrometer parts are shared with the Spring Boot 4 line; only the parts whose Spring Boot
 * packages differ (JDBC in spring-boot-autoconfigure, health in spring-boot-actuator) are here.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnClass(JwtDriver.class)
@ConditionalOnBooleanProperty(name = "jdbc-jwt.enabled", matchIfMissing = true)
@EnableConfigurationProperties(JdbcJwtProperties.class)
@Import({JdbcJwtHikariConfiguration.class, JdbcJwtMetricsConfiguration.class})
public class JdbcJwtAutoConfiguration {

  /** Created by Spring Boot when the auto-configuration applies. */
  public JdbcJwtAutoConfiguration() {
  }

  /** Fails the start of an application on Spring Boot 4 (use jdbc-jwt-spring-boot-starter there). */
  @Bean
  static SpringBootLineCheck jdbcJwtSpringBootLineCheck() {
    return new SpringBootLineCheck(3);
  }

  /**
   * {@code spring.datasource.url=jdbc:jwt:…} without {@code spring.datasource.driver-class-name}. Boot 3's
   * {@code DataSourceProperties} is always there (in spring-boot-autoconfigure); it needs Spring JDBC.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DataSourceProperties.class, EmbeddedDatabaseType.class})
  static class DriverClassNameConfiguration {

    @Bean
    @ConditionalOnMissingBean
    static JwtDriverClassNamePostProcessor jdbcJwtDriverClassNamePostProcessor() {
      return new JwtDriverClassNamePostProcessor();
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
}
