package dev.jdbcjwt.spring.boot.autoconfigure.metrics;

/**
 * A DataSource that counts the connections it retired because their token had expired (implemented by the pools
 * jdbc-jwt configures; free of any pool's classes, so metrics work without HikariCP on the class path).
 */
public interface TokenExpiryEvictions {

  /**
   * The DataSource bean's name.
   *
   * @return the name, as the metric tag shows it
   */
  String dataSourceName();

  /**
   * How many connections were retired because their token had expired.
   *
   * @return the count so far
   */
  long evictedForExpiry();
}
