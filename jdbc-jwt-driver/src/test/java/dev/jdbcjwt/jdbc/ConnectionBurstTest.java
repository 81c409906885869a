package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionBurstTest {

  @Test
  void sixtyFourThreadsConnectingOnAColdCacheMakeOneIdentityProviderRequest() throws Exception {
    TokenCaches.clear();
    StubDriver.reset();
    CountingProvider.REQUESTS.set(0);
    Properties p = new Properties();
    p.setProperty("user", "burst");
    p.setProperty("jwt.provider", "test-counting");
    ExecutorService pool = Executors.newFixedThreadPool(64);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      results.add(pool.submit(() -> {
        go.await();
        try (Connection c = DriverManager.getConnection("jdbc:jwt:stub:burst", p)) {
          return c.isValid(1);
        }
      }));
    }
    go.countDown();
    for (Future<?> f : results) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(true);
    }
    pool.shutdown();
    assertThat(CountingProvider.REQUESTS).hasValue(1);
    assertThat(StubDriver.INSTANCE.calls()).hasSize(64)
        .extracting(c -> c.properties().getProperty("password")).containsOnly(
            StubDriver.INSTANCE.calls().get(0).properties().getProperty("password"));

    // warm: another 200 connections make no request at all
    for (int i = 0; i < 200; i++) {
      DriverManager.getConnection("jdbc:jwt:stub:burst", p).close();
    }
    assertThat(CountingProvider.REQUESTS).hasValue(1);
  }
}
