package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.cache.TokenListener;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link ColdStart}: one first {@code getConnection()} in a fresh JVM, until a usable connection
 * ({@code SELECT 1} answered). Arguments: the JDBC URL and the user; the password ({@code COLD_START_PASSWORD}) or the
 * client secret ({@code jwt.clientSecret=env:COLD_START_SECRET}) come from the environment, never the command line.
 * Prints one line: {@code COLD-START total=<ns> token=<ns> mainMillis=<JVM uptime when main began>}.
 */
public final class ColdStartMain {

  private ColdStartMain() {
  }

  public static void main(String[] args) throws Exception {
    long uptimeAtMain = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    String url = args[0];
    Properties p = new Properties();
    p.setProperty("user", args[1]);
    AtomicLong token = new AtomicLong();
    boolean jwt = url.startsWith("jdbc:jwt:");
    if (jwt) {
      p.setProperty("jwt.clientSecret", "env:COLD_START_SECRET");
      TokenListener listener = e -> {
        if (e.type() == TokenEvent.Type.FETCHED) {
          token.set(e.latency().toNanos());
        }
      };
      TokenCaches.addListener(listener);
      dev.jdbcjwt.jdbc.JwtDriver.trustUrls(true); // the benchmark's own URL carries the provider's options
    } else {
      p.setProperty("password", System.getenv("COLD_START_PASSWORD"));
    }
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
    }
    long total = System.nanoTime() - start;
    System.out.println("COLD-START total=" + total + " token=" + token.get() + " mainMillis=" + uptimeAtMain);
    System.exit(0);
  }
}
