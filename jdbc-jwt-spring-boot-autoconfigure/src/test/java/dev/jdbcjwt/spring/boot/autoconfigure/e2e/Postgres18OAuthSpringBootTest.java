package dev.jdbcjwt.spring.boot.autoconfigure.e2e;

import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with no DataSource code against PostgreSQL 18's native {@code oauth} method over
 * verify-full TLS: the same {@code jdbc:jwt:postgresql:} URL and {@code jdbc-jwt.*} settings as for a password
 * server, and Boot's HikariCP pool logs in with OAUTHBEARER.
 */
@SpringBootTest(classes = Postgres18OAuthSpringBootTest.App.class, properties = {
    "spring.datasource.hikari.maximum-pool-size=2",
    "jdbc-jwt.provider=signed",
    "jdbc-jwt.ttl=2m"})
class Postgres18OAuthSpringBootTest {

  private static final String USER = "boot18_orders";

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    OAuthPostgresServer server = OAuthPostgresServer.shared();
    server.createTokenUser(USER);
    TestIssuer issuer = TestIssuer.shared();
    registry.add("spring.datasource.url", () -> "jdbc:jwt:" + server.verifiedTlsVendorUrl());
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

  @Test
  void bootsPoolLogsInThroughTheOauthMethod() throws Exception {
    assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(USER);
    assertThat(jdbc.queryForObject("select ssl from pg_stat_ssl where pid = pg_backend_pid()", Boolean.class))
        .isTrue();
    try (Connection c = dataSource.getConnection()) {
      assertThat(c.unwrap(TokenConnection.class).tokenSubject()).contains(USER);
    }
    // the database's validator module accepted the pool's tokens: the logins went through OAUTHBEARER
    assertThat(OAuthPostgresServer.shared().validatorBridge().successfulLogins(USER)).isPositive();
  }
}
