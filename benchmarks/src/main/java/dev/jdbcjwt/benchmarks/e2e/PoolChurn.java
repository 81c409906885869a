package dev.jdbcjwt.benchmarks.e2e;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.testing.mariadb.MariaDbServer;
import dev.jdbcjwt.testing.mariadb.PamDecision;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rotation churn end to end: {@code JwtHikariDataSource} over {@link #TTL} tokens against a plain HikariCP pool with
 * one long-lived token as its static password, the same {@code maxLifetime} (what JwtHikariDataSource tuned) and the
 * same server-side check (MariaDB auth_pam validating the JWT, about 100-200 ms of server work per login). Both pools
 * live for the whole run, so both churn; borrowing alternates between them in one-second windows, as many threads as
 * connections, so that a connection being replaced makes a borrower wait. Logins are counted by the
 * server (its PAM decisions per user) and by HikariCP (connections created); borrow latency p99 and p99.9, failed
 * borrows, and identity-provider requests per token lifetime.
 */
final class PoolChurn {

  static final Duration TTL = Duration.ofSeconds(60);
  static final String JWT_USER = "churn_jwt";
  static final String STATIC_USER = "churn_static";
  static final String SCENARIO = "churn";
  private static final int WINDOW_MILLIS = 1_000;

  private PoolChurn() {
  }

  /** A pool's counts and latencies. */
  static final class Measured {
    final AtomicLong created = new AtomicLong();
    final AtomicLong failedBorrows = new AtomicLong();
    final LongList borrowNanos = new LongList();

    HikariConfig track(HikariConfig c) {
      c.setMetricsTrackerFactory((name, stats) -> new IMetricsTracker() {
        @Override
        public void recordConnectionCreatedMillis(long millis) {
          created.incrementAndGet();
        }
      });
      return c;
    }
  }

  static Map<String, Object> run(Settings settings, MariaDbServer server, Idp idp) throws Exception {
    server.createTokenUser(JWT_USER);
    server.createTokenUser(STATIC_USER);
    int size = settings.hikariPoolSize();
    Measured jwt = new Measured();
    Measured plain = new Measured();
    HikariConfig jc = jwtConfig(server, idp, jwt, size);
    long idpBefore = idp.requests(SCENARIO);
    // as many borrowing threads as connections: a connection being replaced (a slow login) makes a borrower wait
    int borrowers = size;
    ExecutorService threads = Executors.newFixedThreadPool(borrowers);
    long started = System.nanoTime();
    try (JwtHikariDataSource jwtPool = new JwtHikariDataSource(jc)) {
      HikariConfig pc = staticConfig(server, idp, plain, size, jwtPool);
      try (HikariDataSource staticPool = new HikariDataSource(pc)) {
        warmUp(jwtPool, staticPool, threads, borrowers, size);
        long end = started + Duration.ofSeconds(settings.churnSeconds()).toNanos();
        boolean turn = false;
        while (System.nanoTime() < end) {
          window(turn ? jwtPool : staticPool, turn ? jwt : plain, threads, borrowers);
          turn = !turn;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", Math.round(seconds));
        m.put("maxLifetimeSeconds", Duration.ofMillis(jwtPool.getMaxLifetime()).toSeconds());
        m.put("minTokenLifeSeconds", jwtPool.minTokenLife().map(Duration::toSeconds).orElse(null));
        m.put("poolSize", size);
        m.put("threads", borrowers);
        logins(m, server, jwt, plain, seconds);
        borrows(m, jwtPool, jwt, plain);
        // the pool's first token is its start (the static pool's password was minted once too): the rest per lifetime
        m.put("idpRequestsPerLifetime", ratio((idp.requests(SCENARIO) - idpBefore - 1) * TTL.toSeconds(), seconds));
        return m;
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** The jdbc:jwt pool: tokens living {@link #TTL}, the client secret as a data source property. */
  private static HikariConfig jwtConfig(MariaDbServer server, Idp idp, Measured jwt, int size) {
    String url = EndToEnd.jwtUrl("jdbc:jwt:" + server.mariadbConnectorUrl(), idp, SCENARIO, JWT_USER, TTL,
        "&jwt.clockSkew=5s");
    HikariConfig jc = jwt.track(config("churn-jwt", url, JWT_USER, size));
    jc.addDataSourceProperty("jwt.clientSecret", MintingIdp.CLIENT_SECRET);
    return jc;
  }

  /** The static pool: one long-lived token as its password, retiring connections as often as the jdbc:jwt pool. */
  private static HikariConfig staticConfig(MariaDbServer server, Idp idp, Measured plain, int size,
      JwtHikariDataSource jwtPool) throws Exception {
    HikariConfig pc = plain.track(config("churn-static", "jdbc:" + server.mariadbConnectorUrl(), STATIC_USER,
        size));
    pc.setPassword(idp.token(STATIC_USER, Duration.ofHours(3)));
    pc.setMaxLifetime(jwtPool.getMaxLifetime());
    pc.setKeepaliveTime(jwtPool.getKeepaliveTime());
    return pc;
  }

  private static void warmUp(HikariDataSource jwtPool, HikariDataSource staticPool, ExecutorService threads,
      int borrowers, int size) throws Exception {
    awaitFull(jwtPool, size);
    awaitFull(staticPool, size);
    window(jwtPool, new Measured(), threads, borrowers); // warm-up, not counted
    window(staticPool, new Measured(), threads, borrowers);
  }

  /** The logins the server accepted and the connections HikariCP created, per pool, and their rates. */
  private static void logins(Map<String, Object> m, MariaDbServer server, Measured jwt, Measured plain,
      double seconds) {
    long jwtLogins = serverLogins(server, JWT_USER);
    long staticLogins = serverLogins(server, STATIC_USER);
    m.put("serverLogins", jwtLogins);
    m.put("staticServerLogins", staticLogins);
    m.put("hikariCreated", jwt.created.get());
    m.put("staticHikariCreated", plain.created.get());
    m.put("loginRatio", ratio(jwtLogins, staticLogins));
    m.put("loginsPerMinute", Math.round(jwtLogins * 60 / seconds * 10) / 10.0);
    m.put("staticLoginsPerMinute", Math.round(staticLogins * 60 / seconds * 10) / 10.0);
  }

  /** Evictions, failed borrows and the borrow latencies of both pools, and the latency ratios. */
  private static void borrows(Map<String, Object> m, JwtHikariDataSource jwtPool, Measured jwt, Measured plain) {
    m.put("evictedOnBorrowForToken", jwtPool.evictedForExpiry());
    m.put("failedBorrows", jwt.failedBorrows.get());
    m.put("staticFailedBorrows", plain.failedBorrows.get());
    long[] jwtSorted = jwt.borrowNanos.sorted();
    long[] staticSorted = plain.borrowNanos.sorted();
    latencies(m, "", jwtSorted);
    latencies(m, "static", staticSorted);
    m.put("p99Ratio", ratio(Stats.percentile(jwtSorted, 99), Stats.percentile(staticSorted, 99)));
    m.put("p999Ratio", ratio(Stats.percentile(jwtSorted, 99.9), Stats.percentile(staticSorted, 99.9)));
  }

  private static HikariConfig config(String name, String url, String user, int size) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setConnectionTimeout(30_000);
    return c;
  }

  private static void awaitFull(HikariDataSource ds, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ds.getHikariPoolMXBean() == null || ds.getHikariPoolMXBean().getTotalConnections() < size) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(ds.getPoolName() + " did not fill to " + size + " connections in 60 s");
      }
      Thread.sleep(20);
    }
  }

  /** Successful logins of {@code user} the server's PAM module decided on. */
  private static long serverLogins(MariaDbServer server, String user) {
    return server.pamDecisions().stream().filter(d -> d.user().equals(user)).filter(PamDecision::accepted).count();
  }

  private static void latencies(Map<String, Object> m, String prefix, long[] sorted) {
    m.put(prefix.isEmpty() ? "borrows" : prefix + "Borrows", sorted.length);
    m.put(key(prefix, "p50Micros"), micros(Stats.percentile(sorted, 50)));
    m.put(key(prefix, "p99Micros"), micros(Stats.percentile(sorted, 99)));
    m.put(key(prefix, "p999Micros"), micros(Stats.percentile(sorted, 99.9)));
  }

  private static String key(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static double micros(double nanos) {
    return Math.round(nanos / 10.0) / 100.0;
  }

  private static double ratio(double a, double b) {
    return b == 0 ? Double.NaN : Math.round(a / b * 1000) / 1000.0;
  }

  private static void window(HikariDataSource ds, Measured into, ExecutorService threads, int count)
      throws Exception {
    into.borrowNanos.addAll(BorrowWindow.measure(ds, threads, count, WINDOW_MILLIS, into.failedBorrows));
  }
}
