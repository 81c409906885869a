package dev.jdbcjwt.jdbc.pool;

import dev.jdbcjwt.jdbc.TokenConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Worker threads running small transactions through a pool for a while, counting what matters: transactions, failed
 * borrows and statements, and statements run on a connection whose token had already expired (checked before each
 * statement against the token the connection logged in with).
 */
final class PoolLoad {

  /** How long load tests run; -Djdbcjwt.loadSeconds=… to change (CI uses the default). */
  static Duration duration() {
    return Duration.ofSeconds(Long.getLong("jdbcjwt.loadSeconds", 120));
  }

  final AtomicLong transactions = new AtomicLong();
  final AtomicLong failures = new AtomicLong();
  final AtomicLong onExpiredToken = new AtomicLong();
  final Set<String> keyIds = ConcurrentHashMap.newKeySet();
  final Set<Instant> tokenExpiries = ConcurrentHashMap.newKeySet();
  final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
  private final AtomicLong firstFailureMillis = new AtomicLong(-1);
  private volatile long startNanos;
  private volatile String threadsAtFirstFailure = "";

  void run(DataSource ds, int threads, Duration duration, String table) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    startNanos = System.nanoTime();
    long end = startNanos + duration.toNanos();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      futures.add(pool.submit(() -> {
        while (System.nanoTime() < end) {
          try {
            transaction(ds, table, worker);
            transactions.incrementAndGet();
          } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            if (firstFailure.compareAndSet(null, e)) {
              firstFailureMillis.set((System.nanoTime() - startNanos) / 1_000_000);
              threadsAtFirstFailure = poolThreads();
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }

  private void transaction(DataSource ds, String table, int worker) throws SQLException {
    try (Connection c = ds.getConnection()) {
      TokenConnection token = c.unwrap(TokenConnection.class);
      keyIds.add(token.tokenKeyId().orElse("none"));
      tokenExpiries.add(token.tokenExpiresAt());
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("insert into " + table + "(worker) values (?)")) {
        check(token);
        insert.setInt(1, worker);
        insert.executeUpdate();
      }
      try (PreparedStatement count = c.prepareStatement("select count(*) from " + table + " where worker = ?")) {
        check(token);
        count.setInt(1, worker);
        try (ResultSet rs = count.executeQuery()) {
          rs.next();
        }
      }
      check(token);
      c.commit();
    }
  }

  private void check(TokenConnection token) {
    if (!Instant.now().isBefore(token.tokenExpiresAt())) {
      onExpiredToken.incrementAndGet();
    }
  }

  /**
   * The first failure with its causes (HikariCP's borrow timeout carries the pool's last connection failure as its
   * cause) and when it happened: what a failed load test needs to be diagnosed from its report alone.
   */
  String firstFailureReport() {
    Throwable t = firstFailure.get();
    if (t == null) {
      return "none";
    }
    StringBuilder b = new StringBuilder("at " + firstFailureMillis.get() + " ms: " + t);
    for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      b.append("; caused by ").append(c);
    }
    return b.append(threadsAtFirstFailure).toString();
  }

  /**
   * Where the pool's and the driver's own threads were when the first failure came (a connection adder stuck in a
   * login, a token fetch waiting): stacks only, which hold no token.
   */
  private static String poolThreads() {
    StringBuilder b = new StringBuilder();
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      String name = thread.getName();
      if (name.contains("connection adder") || name.contains("connection closer") || name.startsWith("jdbc-jwt")
          || name.contains("housekeeper")) {
        b.append("\n  thread '").append(name).append("' ").append(thread.getState());
        for (int i = 0; i < Math.min(stack.length, 25); i++) {
          b.append("\n    at ").append(stack[i]);
        }
      }
    });
    return b.toString();
  }

  @Override
  public String toString() {
    return "transactions=" + transactions + ", failures=" + failures + ", statements on expired tokens="
        + onExpiredToken + ", tokens seen=" + tokenExpiries.size();
  }
}
