package dev.jdbcjwt.spring.boot.autoconfigure.hikari;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.spring.boot.autoconfigure.metrics.TokenExpiryEvictions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link JwtHikariDataSource} that takes the place of a Spring-configured {@code HikariDataSource} with a
 * {@code jdbc:jwt:} URL (see {@link JwtHikariPostProcessor}): the same pool, settings and bean, plus
 * <ul>
 *   <li>literal secrets from {@code jdbc-jwt.*} properties kept out of HikariCP's configuration dump (HikariCP logs
 *       its data source properties at DEBUG when the pool starts, masking only {@code password}): they are in the
 *       data source properties only while the pool starts, and not while it logs;</li>
 *   <li>a count of connections evicted on borrow because their token had expired, for metrics.</li>
 * </ul>
 */
public class BootJwtHikariDataSource extends JwtHikariDataSource implements TokenExpiryEvictions {

  private final String beanName;
  private final Map<String, String> literalSecrets;
  private final Set<String> secretsAdded = new HashSet<>();
  private final LongAdder evictedForExpiry = new LongAdder();
  private final Object startLock = new Object();

  /**
   * @param beanName the DataSource bean's name, for metrics and messages
   * @param literalSecrets secret {@code jwt.*} options given literally (not as env:/file: references), added to the
   *     data source properties only for the pool's start, and only where the pool does not set them itself
   */
  public BootJwtHikariDataSource(String beanName, Map<String, String> literalSecrets) {
    this.beanName = beanName;
    this.literalSecrets = Map.copyOf(literalSecrets);
  }

  @Override
  public String dataSourceName() {
    return beanName;
  }

  /** How many connections were evicted on borrow because their token had expired. */
  @Override
  public long evictedForExpiry() {
    return evictedForExpiry.sum();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (literalSecrets.isEmpty() || getHikariPoolMXBean() != null) {
      return super.getConnection();
    }
    synchronized (startLock) {
      if (getHikariPoolMXBean() == null) {
        // the token cache lookup (on the first call) and HikariCP's driver data source (built when the pool starts)
        // read the options from the data source properties
        addSecrets();
        try {
          return super.getConnection();
        } finally {
          removeSecrets();
        }
      }
    }
    return super.getConnection();
  }

  /** HikariCP logs the configuration here, at DEBUG, just before the pool starts: without the secrets. */
  @Override
  public void validate() {
    boolean had;
    synchronized (secretsAdded) {
      had = !secretsAdded.isEmpty();
    }
    removeSecrets();
    try {
      super.validate();
    } finally {
      if (had) {
        addSecrets();
      }
    }
  }

  private void addSecrets() {
    Properties properties = getDataSourceProperties();
    synchronized (secretsAdded) {
      literalSecrets.forEach((key, value) -> {
        if (!properties.containsKey(key)) {
          properties.setProperty(key, value);
          secretsAdded.add(key);
        }
      });
    }
  }

  private void removeSecrets() {
    Properties properties = getDataSourceProperties();
    synchronized (secretsAdded) {
      secretsAdded.forEach(properties::remove);
      secretsAdded.clear();
    }
  }

  @Override
  public void evictConnection(Connection connection) {
    if (tokenExpired(connection)) {
      evictedForExpiry.increment();
    }
    super.evictConnection(connection);
  }

  private static boolean tokenExpired(Connection connection) {
    try {
      return connection.isWrapperFor(TokenConnection.class)
          && connection.unwrap(TokenConnection.class).isTokenExpired();
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }
}
