package dev.jdbcjwt.jdbc.pool;

import org.apache.commons.dbcp2.BasicDataSource;

import java.util.Properties;
import javax.sql.DataSource;

/** Apache Commons DBCP2 knows nothing of tokens: validation on borrow through isValid alone keeps it correct. */
class Dbcp2ExpiryTest extends PoolExpiryContract {

  @Override
  DataSource open(String url, String user, Properties jwt, int maxSize) {
    BasicDataSource ds = new BasicDataSource();
    ds.setUrl(url);
    ds.setUsername(user);
    jwt.stringPropertyNames().forEach(name -> ds.addConnectionProperty(name, jwt.getProperty(name)));
    ds.setMaxTotal(maxSize);
    ds.setTestOnBorrow(true); // no validation query: DBCP2 calls Connection.isValid
    return ds;
  }

  @Override
  void close(DataSource pool) throws Exception {
    ((BasicDataSource) pool).close();
  }
}
