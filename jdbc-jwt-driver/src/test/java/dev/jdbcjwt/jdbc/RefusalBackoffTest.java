package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database that refuses every login must not make the driver fetch a fresh token per attempt (issue 13: 22 refusals
 * in 3 s used to cost 44 identity provider requests). The backoff itself is tested on the fake clock in
 * TokenCacheLifecycleTest; here the driver's "invalidate, refetch once, retry once" runs against it.
 */
class RefusalBackoffTest {

  private StubDriver stub;

  @BeforeEach
  void setUp() {
    stub = StubDriver.reset();
    TokenCaches.clear();
    CountingProvider.REQUESTS.set(0);
  }

  private static Properties counting() {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("jwt.provider", "test-counting");
    return p;
  }

  @Test
  void twentyRefusedConnectsInARowCostAHandfulOfTokensNotForty() {
    stub.refuseWhen(p -> true, "28P01", 0);
    for (int i = 0; i < 20; i++) {
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:jwt:stub:db", counting()))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }
    // the first token, one fresh token for the first refusal, then one per backoff step (1 s, 2 s, ...): these
    // 20 connects take a few seconds (each fetch takes 200 ms), so a handful at most
    assertThat(CountingProvider.REQUESTS.get()).isBetween(2, 6);
    long distinctTokens = stub.calls().stream().map(c -> c.properties().getProperty("password")).distinct().count();
    assertThat(distinctTokens).isEqualTo(CountingProvider.REQUESTS.get());
    assertThat(stub.calls().size()).isBetween(20, 26); // each connect tried once, retried only with a fresh token
  }

  @Test
  void aSingleRefusalIsStillRetriedOnceWithAFreshToken() throws Exception {
    DriverManager.getConnection("jdbc:jwt:stub:db", counting()).close();
    String first = stub.lastCall().properties().getProperty("password");
    stub.refuseWhen(p -> first.equals(p.getProperty("password")), "28P01", 0);

    DriverManager.getConnection("jdbc:jwt:stub:db", counting()).close();

    assertThat(stub.calls()).hasSize(3);
    assertThat(stub.lastCall().properties().getProperty("password")).isNotEqualTo(first);
    assertThat(CountingProvider.REQUESTS).hasValue(2);
  }
}
