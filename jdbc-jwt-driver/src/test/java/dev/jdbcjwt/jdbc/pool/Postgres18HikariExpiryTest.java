package dev.jdbcjwt.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.OAuthPostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HikariCP through JwtHikariDataSource against PostgreSQL 18's native {@code oauth} (OAUTHBEARER over verify-full
 * TLS), with tokens living 20 seconds: connections retire before their token expires and new ones log in with the
 * next token, with no failed borrow and no statement on an expired token.
 */
class Postgres18HikariExpiryTest {

  static final OAuthPostgresServer SERVER = OAuthPostgresServer.shared();

  @Test
  void poolsRideAcrossTokenExpiriesOnTheOauthMethod() throws Exception {
    String user = "pool18_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    SERVER.createTokenUser(user);
    String table = "t_" + user;
    try (Connection c = SERVER.adminConnection(); Statement s = c.createStatement()) {
      s.execute("create table " + table + "(id serial primary key, worker int)");
      s.execute("grant all on " + table + " to " + user);
      s.execute("grant all on sequence " + table + "_id_seq to " + user);
    }
    TestIssuer issuer = TestIssuer.shared();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:jwt:" + SERVER.verifiedTlsVendorUrl());
    config.setUsername(user);
    issuer.signedProviderOptions().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
    config.addDataSourceProperty("jwt.ttl", "20s");
    config.addDataSourceProperty("jwt.clockSkew", "5s");
    config.addDataSourceProperty("jwt.postgresOAuth", "require");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(30_000);
    PoolLoad load = new PoolLoad();
    Duration duration = Duration.ofSeconds(Math.min(PoolLoad.duration().toSeconds(), 25));
    try (JwtHikariDataSource ds = new JwtHikariDataSource(config)) {
      load.run(ds, 8, duration, table);
      assertThat(ds.evictedForExpiry()).isPositive();
    }
    assertThat(load.failures).as(load + ", first failure: " + load.firstFailureReport()).hasValue(0);
    assertThat(load.onExpiredToken).as(load.toString()).hasValue(0);
    assertThat(load.tokenExpiries).hasSizeGreaterThanOrEqualTo(2);
    assertThat(SERVER.validatorBridge().successfulLogins(user)).isGreaterThanOrEqualTo(2);
  }
}
