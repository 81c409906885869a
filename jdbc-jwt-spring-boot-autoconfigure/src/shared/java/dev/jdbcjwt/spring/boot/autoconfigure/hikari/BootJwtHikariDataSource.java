package dev.jdbcjwt.spring.boot.autoconfigure.hikari;

import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.metrics.TokenExpiryEvictions;

/**
 * The {@link JwtHikariDataSource} that takes the place of a Spring-configured {@code HikariDataSource} with a
 * {@code jdbc:jwt:} URL (see {@link JwtHikariPostProcessor}): the same pool, settings and bean, named for metrics. The
 * {@code jdbc-jwt.*} options are data source properties until the pool starts, when the driver's pool moves them, with
 * the URL's, into the DataSource it connects through (secrets held as {@code Secret}, never in HikariCP's printed
 * configuration); the count of connections retired on borrow because their token had expired is the driver's
 * ({@link JwtHikariDataSource#evictedForExpiry()}).
 */
public class BootJwtHikariDataSource extends JwtHikariDataSource implements TokenExpiryEvictions {

  private final String beanName;

  /**
   * A pool configured later, by copying the state of the bean it replaces.
   *
   * @param beanName the DataSource bean's name, for metrics and messages
   */
  public BootJwtHikariDataSource(String beanName) {
    this.beanName = beanName;
  }

  @Override
  public String dataSourceName() {
    return beanName;
  }
}
