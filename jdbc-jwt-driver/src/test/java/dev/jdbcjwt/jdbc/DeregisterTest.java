package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** What an application server's undeploy relies on: after {@link JwtDriver#deregister()} nothing of ours is left. */
class DeregisterTest {

  @AfterEach
  void registerAgain() throws Exception {
    JwtDriver.register();
  }

  /** Threads of ours still alive, given a moment to finish exiting after their executor terminated. */
  private static long ourThreads() throws InterruptedException {
    long n = countOurThreads();
    for (int i = 0; i < 40 && n > 0; i++) {
      Thread.sleep(50);
      n = countOurThreads();
    }
    return n;
  }

  private static long countOurThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("jdbc-jwt")).count();
  }

  @Test
  void deregisterRemovesTheDriverClosesEveryCacheAndStopsEveryThread() throws Exception {
    StubDriver.reset();
    Properties p = SignedProperties.forApp();
    p.setProperty("jwt.ttl", "1h");
    // a refresh ahead and a connection that asked for its expiry: timer work is pending
    try (Connection c = DriverManager.getConnection("jdbc:jwt:stub:db", p)) {
      assertThat(c.unwrap(TokenConnection.class).isTokenExpired()).isFalse();
      assertThat(countOurThreads()).isPositive();
      JwtDriver.deregister();
    }
    assertThat(DriverManager.drivers()).noneMatch(d -> d instanceof JwtDriver);
    assertThat(TokenCaches.all()).isEmpty();
    assertThat(ourThreads()).as("jdbc-jwt threads after deregister").isZero();

    // registering again brings everything back on first use
    JwtDriver.register();
    try (Connection c = DriverManager.getConnection("jdbc:jwt:stub:db", p)) {
      assertThat(c).isNotNull();
    }
    JwtDriver.deregister();
    assertThat(ourThreads()).isZero();
  }

  @Test
  void anApplicationServerDeregisteringTheDriverStopsOurThreadsToo() throws Exception {
    // what Tomcat's leak prevention does on undeploy for drivers a web application loaded
    StubDriver.reset();
    Properties p = SignedProperties.forApp();
    p.setProperty("jwt.ttl", "1h");
    DriverManager.getConnection("jdbc:jwt:stub:db", p).close();
    assertThat(TokenCaches.all()).isNotEmpty();
    DriverManager.deregisterDriver(JwtDriver.instance());
    assertThat(DriverManager.drivers()).noneMatch(d -> d instanceof JwtDriver);
    assertThat(TokenCaches.all()).isEmpty();
    assertThat(ourThreads()).as("jdbc-jwt threads after DriverManager.deregisterDriver").isZero();
  }
}
