package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.spring.boot.autoconfigure.metrics.JdbcJwtMetrics;

import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Micrometer meters of every token source and of the pools configured here (Micrometer's API is the same under every
 * Spring Boot line; imported by each line's {@link JdbcJwtAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterBinder.class)
class JdbcJwtMetricsConfiguration {

  @Bean
  @ConditionalOnMissingBean
  JdbcJwtMetrics jdbcJwtMetrics(ListableBeanFactory beans) {
    // every DataSource bean, also those that are no default candidates for injection (@Bean(defaultCandidate =
    // false), as secondary DataSources are often declared): ObjectProvider would not see those
    return new JdbcJwtMetrics(() -> beans.getBeansOfType(DataSource.class).values().stream());
  }
}
