package dev.jdbcjwt.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.RotatingKeyProvider;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenListener;
import dev.jdbcjwt.token.cache.TokenEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database's trusted signing key rotates (it trusts the new key only) and the identity provider signs with the
 * new key from then on: the driver's next connect is refused, it invalidates the cached token, fetches a new one and
 * succeeds — no application error — and a pool replaces all its connections.
 */
class KeyRotationTest {

  static TestIssuer oldKey;
  static TestIssuer newKey;
  static PostgresServer server;

  @BeforeAll
  static void start() {
    oldKey = TestIssuer.generate(TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE);
    newKey = TestIssuer.generate(TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE);
    server = PostgresServer.start(oldKey.trustPolicy());
  }

  @AfterAll
  static void stop() {
    server.close();
    RotatingKeyProvider.SIGNER.set(TestIssuer.shared());
  }

  private static void trustTheOldKey() {
    server.ldapBridge().trust(oldKey.trustPolicy());
    RotatingKeyProvider.SIGNER.set(oldKey);
  }

  private static void rotate() {
    server.ldapBridge().trust(new TrustPolicy(newKey.publicJwks(), newKey.issuer(), newKey.audience()));
    RotatingKeyProvider.SIGNER.set(newKey);
  }

  private static String url() {
    return "jdbc:jwt:" + server.vendorUrl() + "?sslmode=disable";
  }

  private static void addOptions(java.util.function.BiConsumer<String, String> into) {
    into.accept("jwt.provider", "test-rotating");
    into.accept("jwt.ttl", "10m");
  }

  @Test
  void theNextConnectAfterARotationSucceedsWithAFreshToken() throws Exception {
    trustTheOldKey();
    server.createTokenUser("rotating_plain");
    TokenCaches.clear();
    Properties p = new Properties();
    p.setProperty("user", "rotating_plain");
    addOptions(p::setProperty);
    List<TokenEvent> events = new CopyOnWriteArrayList<>();
    TokenListener listener = events::add;
    TokenCaches.addListener(listener);
    try {
      try (Connection c = DriverManager.getConnection(url(), p)) {
        assertThat(c.unwrap(TokenConnection.class).tokenKeyId()).contains(oldKey.keyId());
      }
      int requests = RotatingKeyProvider.REQUESTS.get();
      rotate();
      try (Connection c = DriverManager.getConnection(url(), p); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("rotating_plain");
        assertThat(c.unwrap(TokenConnection.class).tokenKeyId()).contains(newKey.keyId());
      }
      assertThat(RotatingKeyProvider.REQUESTS.get() - requests).isEqualTo(1);
      assertThat(events).extracting(TokenEvent::type).containsSubsequence(TokenEvent.Type.FETCHED,
          TokenEvent.Type.INVALIDATED, TokenEvent.Type.FETCHED);
    } finally {
      TokenCaches.removeListener(listener);
    }
  }

  @Test
  void aHikariPoolReplacesEveryConnectionAfterARotation() throws Exception {
    trustTheOldKey();
    server.createTokenUser("rotating_pool");
    TokenCaches.clear();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url());
    config.setUsername("rotating_pool");
    addOptions(config::addDataSourceProperty);
    config.setMaximumPoolSize(5);
    config.setMinimumIdle(5);
    try (JwtHikariDataSource ds = new JwtHikariDataSource(config)) {
      List<Connection> held = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        held.add(ds.getConnection());
      }
      for (Connection c : held) {
        assertThat(c.unwrap(TokenConnection.class).tokenKeyId()).contains(oldKey.keyId());
        c.close();
      }
      rotate();
      // The pool's old-key connections are still logged in (the database checks tokens at login only). The first
      // new physical connection is refused once and retried with a new-key token; that invalidation soft-evicts the
      // pool, so the old-key connections are closed and replaced. Force a new physical connection:
      ds.evictConnection(ds.getConnection());
      Set<String> keyIds = new HashSet<>();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline) {
        keyIds.clear();
        List<Connection> borrowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          Connection c = ds.getConnection();
          borrowed.add(c);
          keyIds.add(c.unwrap(TokenConnection.class).tokenKeyId().orElse("none"));
        }
        for (Connection c : borrowed) {
          c.close();
        }
        if (keyIds.equals(Set.of(newKey.keyId()))) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(keyIds).containsExactly(newKey.keyId());
    }
  }
}
