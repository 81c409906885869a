package dev.jdbcjwt.spring.boot.autoconfigure.hikari;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.hikari.JwtHikari;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.JdbcJwtProperties;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.TokenConfig;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Properties;

/**
 * Makes every {@link HikariDataSource} bean whose JDBC URL starts with {@code jdbc:jwt:} expiry-aware, whoever
 * defined it (Spring Boot's auto-configured {@code dataSource}, or the application's own beans built with
 * {@code DataSourceBuilder} or setters):
 * <ul>
 *   <li>the {@code jdbc-jwt.*} options (and {@code jdbc-jwt.datasources.<bean name>.*}) become the pool's
 *       {@code jwt.*} data source properties, where the pool does not set them itself;</li>
 *   <li>the pool's URL is application configuration, so it is trusted for this pool (not JVM-wide): its
 *       {@code jwt.*} options move into the data source properties with the driver's precedence (a URL-allowed
 *       option of the URL wins; for an application-only one the properties win);</li>
 *   <li>the bean is replaced by a {@link BootJwtHikariDataSource} with the same settings: {@code maxLifetime} and
 *       {@code keepaliveTime} tuned to the token lifetime, connections whose token expired retired on borrow, the
 *       pool soft-evicted when the database refuses a token; when it starts, before HikariCP prints its
 *       configuration, the {@code jwt.*} options move into the DataSource it connects through (secrets held as
 *       {@code Secret}, printed redacted), so the running pool's configuration holds none of them.</li>
 * </ul>
 * Runs after Spring Boot has bound {@code spring.datasource.hikari.*}, and before decorating post-processors wrap the
 * DataSource. A pool that was already started (created with {@code new HikariDataSource(config)}) cannot be changed:
 * it is left as it is, with a warning.
 */
public class JwtHikariPostProcessor implements BeanPostProcessor, Ordered {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.spring");

  private final ObjectProvider<JdbcJwtProperties> properties;

  public JwtHikariPostProcessor(ObjectProvider<JdbcJwtProperties> properties) {
    this.properties = properties;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (!(bean instanceof HikariDataSource hikari) || bean instanceof BootJwtHikariDataSource
        || !JwtDriver.instance().acceptsURL(hikari.getJdbcUrl())) {
      return bean;
    }
    if (bean.getClass() != HikariDataSource.class && bean.getClass() != JwtHikariDataSource.class) {
      LOG.log(Level.WARNING, "jdbc-jwt: DataSource bean ''{0}'' is a {1}, which jdbc-jwt does not replace; its "
          + "jdbc-jwt.* properties are not applied and its maxLifetime is not tuned to the token lifetime. Define it "
          + "as a HikariDataSource (or a JwtHikariDataSource) to have both", beanName, bean.getClass().getName());
      return bean;
    }
    if (hikari.getHikariPoolMXBean() != null) {
      LOG.log(Level.WARNING, "jdbc-jwt: the pool of DataSource bean ''{0}'' was started before jdbc-jwt could "
          + "configure it (new HikariDataSource(config)); its jdbc-jwt.* properties are not applied and its "
          + "maxLifetime is not tuned. Create it with new HikariDataSource() and setters, or DataSourceBuilder",
          beanName);
      return bean;
    }
    Map<String, String> options = properties.getIfAvailable(JdbcJwtProperties::new).optionsFor(beanName);
    validate(options, hikari, beanName);
    Properties pool = hikari.getDataSourceProperties();
    options.forEach(pool::putIfAbsent);
    trustUrl(hikari, beanName);
    BootJwtHikariDataSource replacement = new BootJwtHikariDataSource(beanName);
    hikari.copyStateTo(replacement);
    return replacement;
  }

  /**
   * The URL of a pool configured here is the application's configuration (spring.datasource.url, or the
   * application's own bean): trusted for this pool only, not JVM-wide. Its options move into the data source
   * properties; for application-only ones the jdbc-jwt.* properties still win.
   */
  private static void trustUrl(HikariDataSource hikari, String beanName) {
    try {
      JwtHikari.trustUrl(hikari);
    } catch (java.sql.SQLException e) {
      throw new BeanCreationException(beanName, "invalid JDBC URL of DataSource '" + beanName + "': "
          + e.getMessage());
    }
  }

  /** Fails the start of the application on a mistake in the jdbc-jwt.* properties, naming the option. */
  private static void validate(Map<String, String> options, HikariDataSource hikari, String beanName) {
    try {
      TokenConfig.of(options, hikari.getUsername());
    } catch (TokenException e) {
      throw new BeanCreationException(beanName, "invalid jdbc-jwt.* property for DataSource '" + beanName
          + "': " + e.getMessage());
    }
  }

  /** After Spring Boot's own post-processors (property binding, connection details), before decorating ones. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 100;
  }
}
