package dev.jdbcjwt.jdbc.pool;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Apache Commons DBCP2 knows nothing of tokens: validation on borrow through isValid alone keeps it correct. */
class Dbcp2ExpiryTest {

  @Test
  void testOnBorrowRetiresExpiredConnectionsUnderLoad() throws Exception {
    String user = HikariExpiryTest.newUser();
    String table = HikariExpiryTest.table(user);
    PoolLoad load = new PoolLoad();
    Duration duration = PoolLoad.duration();
    try (BasicDataSource ds = new BasicDataSource()) {
      ds.setUrl(HikariExpiryTest.url());
      ds.setUsername(user);
      HikariExpiryTest.signed("20s").forEach((k, v) -> ds.addConnectionProperty((String) k, (String) v));
      ds.setMaxTotal(10);
      ds.setTestOnBorrow(true); // no validation query: DBCP2 calls Connection.isValid
      load.run(ds, 32, duration, table);
    }
    assertThat(load.failures).as(load + ", first failure: " + load.firstFailure.get()).hasValue(0);
    assertThat(load.onExpiredToken).as(load.toString()).hasValue(0);
    assertThat(load.tokenExpiries.size()).isGreaterThanOrEqualTo((int) (duration.toSeconds() / 20));
    System.out.println("DBCP2 load: " + load);
  }
}
