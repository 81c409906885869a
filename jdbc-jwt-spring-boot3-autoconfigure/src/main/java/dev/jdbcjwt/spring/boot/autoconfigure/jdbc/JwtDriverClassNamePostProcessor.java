package dev.jdbcjwt.spring.boot.autoconfigure.jdbc;

import dev.jdbcjwt.jdbc.JwtDriver;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;

/**
 * Spring Boot 3: names {@link JwtDriver} as the driver class of every {@link DataSourceProperties} bean
 * ({@code spring.datasource.*}, and the application's own) whose URL starts with {@code jdbc:jwt:} and that names
 * none. Spring Boot derives the driver class from the URL's vendor part and does not know {@code jwt}: without this
 * it fails with "Failed to determine a suitable driver class", or picks an embedded database's driver.
 */
public class JwtDriverClassNamePostProcessor implements BeanPostProcessor, Ordered {

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof DataSourceProperties properties && !StringUtils.hasText(properties.getDriverClassName())
        && JwtDriver.instance().acceptsURL(properties.getUrl())) {
      properties.setDriverClassName(JwtDriver.class.getName());
    }
    return bean;
  }

  /** After {@code ConfigurationPropertiesBindingPostProcessor}, which binds the URL in the same phase. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }
}
