package dev.jdbcjwt.spring.boot.autoconfigure.e2e;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.spring.boot.autoconfigure.BootLine;
import dev.jdbcjwt.spring.boot.autoconfigure.BootLine.HealthReading;
import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.BootJwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.spring.boot.autoconfigure.metrics.MeterLeakSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with no DataSource code at all, against the real PostgreSQL that validates tokens: the
 * URL names the database, {@code jdbc-jwt.*} gives the signing key (literally, as a secret store would) and the
 * token's claims, and Boot's HikariCP pool logs in with tokens.
 */
@SpringBootTest(classes = JdbcJwtSpringBootTest.App.class, properties = {
    "spring.datasource.hikari.maximum-pool-size=3",
    "spring.datasource.hikari.pool-name=orders-pool",
    "jdbc-jwt.provider=signed",
    "jdbc-jwt.ttl=2m"})
class JdbcJwtSpringBootTest {

  private static final String USER = "boot_orders";
  private static final String SOURCE = "provider 'signed' for user '" + USER + "' (issuer "
      + TestIssuer.shared().issuer() + ")";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    PostgresServer server = PostgresServer.shared();
    server.createTokenUser(USER);
    TestIssuer issuer = TestIssuer.shared();
    registry.add("spring.datasource.url", () -> "jdbc:jwt:" + server.vendorUrl() + "?sslmode=disable");
    registry.add("spring.datasource.username", () -> USER);
    registry.add("jdbc-jwt.signing-key", issuer::privateKeyPem);
    registry.add("jdbc-jwt.key-id", issuer::keyId);
    registry.add("jdbc-jwt.issuer", issuer::issuer);
    registry.add("jdbc-jwt.audience", issuer::audience);
  }

  @Autowired
  DataSource dataSource;

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  JdbcJwtHealthIndicator health;

  @Autowired
  ApplicationContext context;

  @Autowired
  MeterRegistry meters;

  @org.junit.jupiter.api.BeforeEach
  void watchTheMeters() {
    MeterLeakSource.watch(meters); // the leak watch checks every meter id, tags included
  }

  @Test
  void theDatabaseAcceptsTheTokensOfBootsPool() throws Exception {
    assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(USER);
    try (Connection c = dataSource.getConnection()) {
      TokenConnection token = c.unwrap(TokenConnection.class);
      assertThat(token.tokenSubject()).contains(USER);
      assertThat(token.tokenKeyId()).contains(TestIssuer.shared().keyId());
    }
  }

  @Test
  void bootsPoolIsTunedToTheTokenLifetimeAndKeepsItsOwnSettings() {
    jdbc.queryForObject("select 1", Integer.class);
    BootJwtHikariDataSource pool = (BootJwtHikariDataSource) dataSource;
    // tokens live 2m with a 30s clock skew: half of that less the skew (30 s) less the jitter is under Hikari's 30 s
    // floor, so maxLifetime is the floor, too short for a keepalive, and each new connection asks for what the token
    // cache can give at two requests per lifetime (30 s - 3 s jitter)
    assertThat(pool.getMaxLifetime()).isEqualTo(30_000);
    assertThat(pool.getKeepaliveTime()).isZero();
    assertThat(pool.minTokenLife()).contains(java.time.Duration.ofSeconds(27));
    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
    assertThat(pool.getPoolName()).isEqualTo("orders-pool");
  }

  @Test
  void theLiteralSigningKeyNeverEntersHikarisLoggedConfiguration() {
    jdbc.queryForObject("select 1", Integer.class);
    HikariDataSource pool = (HikariDataSource) dataSource;
    // the options moved into the DataSource HikariCP connects through when the pool started
    assertThat(pool.getDataSourceProperties().stringPropertyNames()).noneMatch(n -> n.startsWith("jwt."));
    assertThat(pool.getDataSource()).asString().contains("jwt.provider=signed", "jwt.signingKey=<redacted>")
        .doesNotContain("-----BEGIN");
    // HikariCP printed its configuration at DEBUG when the pool started; the leak watch captured it
    List<String> records = LeakWatch.captured(); // warnings and the recent tail, the pool start included
    // (boolean checks: a failure message must not quote a record that might hold the key)
    assertThat(records.stream().anyMatch(record -> record.startsWith("com.zaxxer.hikari.HikariConfig")
        && record.contains("JwtDataSource[") && record.contains("jwt.provider=signed")
        && record.contains("jwt.keyId="))).as("HikariCP's configuration dump was captured").isTrue();
    assertThat(records.stream().noneMatch(record -> record.contains("jwt.signingKey=-----BEGIN")))
        .as("no log record shows the literal value of jwt.signingKey").isTrue();
    assertThat(records.stream().allMatch(record -> LeakWatch.leaksIn(record).isEmpty()))
        .as("no log record holds a token or the key").isTrue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthShowsTheTokenSourceButNeverTheToken() throws Exception {
    jdbc.queryForObject("select 1", Integer.class);
    cache().fetch(); // as a new connection would, in case another test just dropped the token
    assertThat(BootLine.healthContributor(context, "jdbcJwt")).isSameAs(health);

    HealthReading h = BootLine.health(health);

    Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) h.details().get("sources"))
        .get(SOURCE);
    assertThat(source).containsEntry("status", "UP").containsEntry("subject", USER)
        .containsEntry("keyId", TestIssuer.shared().keyId()).containsKey("timeToExpiry");
    String token = cache().current().orElseThrow().value().reveal();
    assertThat(h.text().contains(token)).as("health details contain the token").isFalse();
    assertThat(h.status()).isIn("UP", "DOWN"); // DOWN only if another test's source failed
  }

  @Test
  void metricsCountTheTokensAndShowTheirExpiry() throws Exception {
    jdbc.queryForObject("select 1", Integer.class);
    assertThat(meters.get("jdbc.jwt.token.expiry").tag("source", SOURCE).gauge().value())
        .isBetween(1.0, 120.0);
    assertThat(meters.get("jdbc.jwt.connections.evicted").tag("datasource", "dataSource").functionCounter().count())
        .isZero();
    // as when the database refuses a token: the cache drops it, the pool is soft-evicted and refills itself with
    // connections that log in with a new token
    cache().invalidate(cache().current().orElseThrow());
    Instant deadline = Instant.now().plusSeconds(20);
    while (cache().current().isEmpty() && Instant.now().isBefore(deadline)) {
      jdbc.queryForObject("select 1", Integer.class);
      Thread.sleep(50);
    }
    assertThat(cache().current()).as("a new token after the pool refilled").isPresent();
    assertThat(meters.get("jdbc.jwt.tokens.invalidated").tag("source", SOURCE).counter().count()).isPositive();
    assertThat(meters.get("jdbc.jwt.tokens.fetched").tag("source", SOURCE).counters()).isNotEmpty();
    assertThat(meters.get("jdbc.jwt.idp.latency").tags("source", SOURCE, "outcome", "success").timer().count())
        .isPositive();
  }

  private static TokenCache cache() {
    return TokenCaches.all().stream().filter(c -> c.label().equals(SOURCE)).findFirst().orElseThrow();
  }
}
