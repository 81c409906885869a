package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.report.IdpCount;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.token.cache.TokenCache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Identity-provider requests while {@code threads} threads open (and close) {@code connections} real PostgreSQL
 * connections through {@code jdbc:jwt:}, starting together on a cold cache: with 15-minute tokens (one request
 * expected, the cold fetch, however many threads wait for it), and with tokens rotating every few seconds (one request
 * per token the cache obtained, none on the connection path).
 */
final class IdpBurst {

  private IdpBurst() {
  }

  static void run(Settings settings, Results results, PostgresSetup pg, Idp idp) throws Exception {
    results.idp.add(burst(pg, idp, "burst", EndToEnd.LONG_TTL, "", settings.burstConnections(),
        settings.burstThreads(), "15 min tokens, cold cache: " + settings.burstThreads() + " threads wait for "
            + "one request, then none"));
    if (settings.rotatingBurstConnections() > 0) {
      results.idp.add(burst(pg, idp, "burst-rotating", HikariBorrow.ROTATING_TTL, HikariBorrow.ROTATING_OPTIONS,
          settings.rotatingBurstConnections(), settings.burstThreads(), "40 s tokens refreshed every 4-7 s in the "
              + "background: one request per token, however many threads connect"));
    }
  }

  private static IdpCount burst(PostgresSetup pg, Idp idp, String scenario, Duration ttl, String options,
      int connections, int threads, String note) throws Exception {
    String url = EndToEnd.jwtUrl(pg.url("jwt"), idp, scenario, PostgresSetup.TOKEN_USER, ttl, options);
    Properties props = EndToEnd.jwtCredentials(PostgresSetup.TOKEN_USER);
    TokenCache cache = EndToEnd.cacheOf(url, props); // created cold: no token yet
    TokenCounter counter = new TokenCounter();
    cache.addListener(counter);
    EndToEnd.log("IdP requests: " + connections + " connections by " + threads + " threads (" + scenario + ")");
    Outcome outcome;
    try {
      outcome = connectAll(url, props, connections, threads);
    } finally {
      cache.removeListener(counter);
    }
    long requests = idp.requests(scenario);
    String fullNote = note + (outcome.firstFailure() == null ? "" : "; first failure: " + outcome.firstFailure());
    return new IdpCount(String.format("%,d-connection burst, %s", connections,
        scenario.equals("burst") ? "15 min tokens" : "tokens rotating every 4-7 s"), connections, threads, requests,
        counter.tokens.get(),
        scenario.equals("burst") ? 1 : counter.tokens.get(), outcome.failures(), outcome.seconds(), fullNote);
  }

  /** How a burst went: its failed connections, the first failure's SQLState and message (or null), its seconds. */
  private record Outcome(int failures, String firstFailure, double seconds) {
  }

  /** Opens and closes {@code connections} connections from {@code threads} threads released together. */
  private static Outcome connectAll(String url, Properties props, int connections, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger remaining = new AtomicInteger(connections);
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    long start;
    try {
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          go.await();
          while (remaining.getAndDecrement() > 0) {
            try (Connection c = DriverManager.getConnection(url, props)) {
              c.getAutoCommit();
            } catch (SQLException e) {
              failures.incrementAndGet();
              firstFailure.compareAndSet(null, e.getSQLState() + " " + e.getMessage());
            }
          }
          return null;
        }));
      }
      start = System.nanoTime();
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(failures.get(), firstFailure.get(), seconds);
  }
}
