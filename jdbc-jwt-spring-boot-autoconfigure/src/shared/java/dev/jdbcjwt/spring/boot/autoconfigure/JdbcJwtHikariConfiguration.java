package dev.jdbcjwt.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.JwtHikariPostProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HikariCP pools with a {@code jdbc:jwt:} URL: options from {@code jdbc-jwt.*}, tuned to the token lifetime. The same
 * on every Spring Boot line; imported by each line's {@link JdbcJwtAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HikariDataSource.class)
class JdbcJwtHikariConfiguration {

  @Bean
  @ConditionalOnMissingBean
  static JwtHikariPostProcessor jdbcJwtHikariPostProcessor(ObjectProvider<JdbcJwtProperties> properties) {
    return new JwtHikariPostProcessor(properties);
  }
}
