package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A whole pgjdbc connect and close against a scripted server on 127.0.0.1 ({@link ScriptedAuthServer}): raw pgjdbc
 * under {@code trust} and answering a cleartext password request (one round trip, as OAUTHBEARER has), and jdbc:jwt
 * answering OAUTHBEARER through its interposer. OAUTHBEARER minus password is the interposer's own cost plus the
 * driver's (ConnectBenchmark: well under a microsecond).
 */
@State(Scope.Benchmark)
public class OAuthInterposerBenchmark {

  private ScriptedAuthServer trust;
  private ScriptedAuthServer password;
  private ScriptedAuthServer oauth;
  private org.postgresql.Driver pgjdbc;
  private JwtDriver jwt;
  private Properties rawProperties;
  private Properties jwtProperties;

  @Setup
  public void setUp() throws IOException, SQLException {
    trust = new ScriptedAuthServer(ScriptedAuthServer.Kind.TRUST);
    password = new ScriptedAuthServer(ScriptedAuthServer.Kind.PASSWORD);
    oauth = new ScriptedAuthServer(ScriptedAuthServer.Kind.OAUTHBEARER);
    pgjdbc = new org.postgresql.Driver();
    jwt = JwtDriver.instance();
    String token = BenchTokens.jwt();
    rawProperties = new Properties();
    rawProperties.setProperty("user", BenchTokens.SUBJECT);
    rawProperties.setProperty("password", token);
    jwtProperties = new Properties();
    jwtProperties.setProperty("user", BenchTokens.SUBJECT);
    jwtProperties.setProperty("jwt.provider", "static");
    jwtProperties.setProperty("jwt.token", token);
    jwt.connect(oauth.url("jwt:"), jwtProperties).close(); // warm the cache
  }

  @TearDown
  public void tearDown() throws IOException {
    trust.close();
    password.close();
    oauth.close();
    TokenCaches.clear();
  }

  @Benchmark
  public void pgjdbcTrust() throws SQLException {
    try (Connection c = pgjdbc.connect(trust.url(""), rawProperties)) {
      c.getAutoCommit();
    }
  }

  @Benchmark
  public void pgjdbcPassword() throws SQLException {
    try (Connection c = pgjdbc.connect(password.url(""), rawProperties)) {
      c.getAutoCommit();
    }
  }

  @Benchmark
  public void jwtOAuthBearer() throws SQLException {
    try (Connection c = jwt.connect(oauth.url("jwt:"), jwtProperties)) {
      c.getAutoCommit();
    }
  }
}
