package dev.jdbcjwt.samples.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HikariCP with tokens from an OAuth2 identity provider (client credentials): the pool is tuned to the token
 * lifetime and never hands out a connection whose token has expired.
 *
 * <pre>
 * java HikariSample 'jdbc:jwt:postgresql://db:5432/app?sslmode=verify-full&amp;jwt.provider=client-credentials
 *     &amp;jwt.issuer=https://idp/realms/prod&amp;jwt.clientId=orders&amp;jwt.clientSecret=env:ORDERS_SECRET' orders
 * </pre>
 */
public final class HikariSample {

  private HikariSample() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args[0].isBlank()) {
      System.err.println("usage: HikariSample '<jdbc:jwt:... url>' <database user>");
      System.exit(64);
    }
    run(args[0], args[1], 200, System.out);
  }

  /** Runs {@code queries} queries on 8 threads through a pool of 4; returns how many succeeded. */
  public static int run(String url, String user, int queries, PrintStream out) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(4);
    config.setPoolName("orders");
    AtomicInteger ok = new AtomicInteger();
    try (JwtHikariDataSource pool = new JwtHikariDataSource(config)) {
      out.println("Pool ready: maxLifetime " + pool.getMaxLifetime() / 1000 + " s, keepalive "
          + pool.getKeepaliveTime() / 1000 + " s (tuned to the token lifetime)");
      ExecutorService workers = Executors.newFixedThreadPool(8);
      Future<?>[] done = new Future<?>[queries];
      for (int i = 0; i < queries; i++) {
        done[i] = workers.submit(() -> {
          try (Connection c = pool.getConnection(); Statement s = c.createStatement();
               ResultSet rs = s.executeQuery("select current_user")) {
            rs.next();
            ok.incrementAndGet();
          }
          return null;
        });
      }
      for (Future<?> f : done) {
        f.get();
      }
      workers.shutdown();
      workers.awaitTermination(10, TimeUnit.SECONDS);
      try (Connection c = pool.getConnection()) {
        TokenConnection token = c.unwrap(TokenConnection.class);
        out.println(ok.get() + " queries as " + c.getMetaData().getUserName() + "; token subject "
            + token.tokenSubject().orElse("?") + ", expires " + token.tokenExpiresAt());
      }
    } catch (SQLException e) {
      out.println("Failed: " + e.getMessage());
      throw e;
    }
    return ok.get();
  }
}
