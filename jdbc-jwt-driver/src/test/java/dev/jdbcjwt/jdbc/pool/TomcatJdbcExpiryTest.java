package dev.jdbcjwt.jdbc.pool;

import org.apache.tomcat.jdbc.pool.PoolProperties;

import java.util.Properties;
import javax.sql.DataSource;

/**
 * Tomcat JDBC pool: {@code testOnBorrow} without a {@code validationQuery} calls {@code Connection.isValid}; its
 * {@code validationInterval} (3 s by default) must stay below {@code jwt.clockSkew}, or a connection validated a moment
 * before its token's usable time ended is handed out unchecked.
 */
class TomcatJdbcExpiryTest extends PoolExpiryContract {

  @Override
  DataSource open(String url, String user, Properties jwt, int maxSize) {
    PoolProperties p = new PoolProperties();
    p.setDriverClassName("dev.jdbcjwt.jdbc.JwtDriver");
    p.setUrl(url);
    p.setUsername(user);
    p.setDbProperties(jwt);
    p.setMaxActive(maxSize);
    p.setMaxIdle(maxSize);
    p.setInitialSize(0);
    p.setMaxWait(30_000);      // a saturated pool on busy cores may wait; failing is what counts
    p.setTestOnBorrow(true);   // no validationQuery: isValid
    p.setValidationInterval(0); // validate on every borrow
    p.setMaxAge(600_000);      // retire any connection after 10 minutes (checked on borrow and return)
    return new org.apache.tomcat.jdbc.pool.DataSource(p);
  }

  @Override
  void close(DataSource pool) {
    ((org.apache.tomcat.jdbc.pool.DataSource) pool).close(true);
  }
}
