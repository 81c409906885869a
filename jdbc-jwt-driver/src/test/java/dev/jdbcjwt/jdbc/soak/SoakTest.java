package dev.jdbcjwt.jdbc.soak;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.config.Durations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak: 64 threads run small transactions through a {@link JwtHikariDataSource} of 20 connections against a
 * private PostgreSQL that validates every login's token, with 10-second tokens from an OAuth identity provider, for
 * {@code -Djdbcjwt.soak.duration} (4 minutes in the normal build, 15 with {@code -Psoak}; see docs/reliability.md).
 * During the run:
 * <ul>
 *   <li>the identity provider is down for 5 s every 30 s (HTTP 503 and reset connections in turn): expected, no
 *       failed transaction (the current token is still valid, refreshes are retried);</li>
 *   <li>once, it answers slower than {@code jwt.httpTimeout} for 5 s: expected, no failed transaction;</li>
 *   <li>once, the database restarts ({@code pg_ctl stop -m fast}, then start): expected, transactions in flight on
 *       the killed sessions fail (only there, only then), the pool is serving again within seconds;</li>
 *   <li>once, the database's trusted key rotates and the identity provider signs with the new key, with no overlap:
 *       expected, no failed transaction (a refused login invalidates the token, the driver retries once with a fresh
 *       one, the pool replaces its connections).</li>
 * </ul>
 * Asserted throughout: no authentication error reaches the application; no growth of threads, open file
 * descriptors, heap after GC, pool size or database sessions against the start; every committed transaction is in
 * the database. Writes {@code target/soak/soak-report.md}.
 */
class SoakTest {

  private static final String USER = "soak_user";
  private static final String CLIENT_SECRET = "soak-client-secret-5d1e7b";
  private static final int THREADS = 64;
  private static final int POOL = 20;
  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(10);
  private static final Duration FLAP_EVERY = Duration.ofSeconds(30);
  private static final Duration FLAP_DOWN = Duration.ofSeconds(5);
  private static final Duration SLOW_FOR = Duration.ofSeconds(5);
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration WARM_UP = Duration.ofSeconds(20);
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
  private static final Duration GC_EVERY = Duration.ofSeconds(30);
  /** Failures are allowed from the restart until this long after the server accepts logins again. */
  private static final Duration RESTART_GRACE = Duration.ofSeconds(5);

  static Duration duration() {
    return Durations.parse(System.getProperty("jdbcjwt.soak.duration", "4m"));
  }

  private record Failure(long atMillis, String phase, String sqlState, String message) {
  }

  private final long t0 = System.nanoTime();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final List<String> timeline = new CopyOnWriteArrayList<>();
  private final AtomicLong transactions = new AtomicLong();
  /** When the restarted database accepted logins again (-1 before), and the first commit after that. */
  private volatile long restartDoneAt = -1;
  private final AtomicLong firstSuccessAfterRestart = new AtomicLong(-1);
  /** Token events by type (counted, not kept: the soak must not grow its own heap). */
  private final Map<TokenEvent.Type, AtomicLong> events = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile String phase = "warm-up";
  /** Logins the database refused (old key after the rotation); the driver retried each with a fresh token. */
  private long refusedLogins;

  private long now() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  private void mark(String what) {
    timeline.add(String.format("%7.1f s  %s", now() / 1000.0, what));
  }

  @Test
  void sixtyFourThreadsThroughFlapsASlowIdpARestartAndAKeyRotation() throws Exception {
    Duration duration = duration();
    assertThat(duration).as("the soak needs room for its events").isGreaterThanOrEqualTo(Duration.ofMinutes(3));
    LeakWatch.registerSecret(CLIENT_SECRET);
    TestIssuer oldKey = TestIssuer.generate(TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE);
    TestIssuer newKey = TestIssuer.generate(TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE);
    TokenCaches.clear();
    dev.jdbcjwt.token.cache.TokenListener counter =
        e -> events.computeIfAbsent(e.type(), t -> new AtomicLong()).incrementAndGet();
    TokenCaches.addListener(counter);

    // events at fixed points of the 30 s flap cycle, 15 s after a flap: never during one
    long slowAt = cycleMiddle(duration, 0.2);
    long restartAt = cycleMiddle(duration, 0.45);
    long rotateAt = cycleMiddle(duration, 0.7);

    try (PostgresServer db = PostgresServer.start(oldKey.trustPolicy());
         FlakyIdp idp = new FlakyIdp(oldKey, USER, TOKEN_LIFETIME, HTTP_TIMEOUT.multipliedBy(3))) {
      db.createTokenUser(USER);
      try (Connection admin = db.adminConnection(); Statement s = admin.createStatement()) {
        s.execute("CREATE TABLE soak(worker int PRIMARY KEY, n bigint NOT NULL)");
        s.execute("INSERT INTO soak SELECT g, 0 FROM generate_series(0, " + (THREADS - 1) + ") g");
        s.execute("GRANT SELECT, UPDATE ON soak TO " + USER);
      }
      AtomicLongArray committed = new AtomicLongArray(THREADS);
      AtomicLongArray failed = new AtomicLongArray(THREADS);
      List<Sample> samples = new ArrayList<>();
      long restartedAt = -1;
      String keyAfterRotation;
      int sessionsAtEnd;

      try (JwtHikariDataSource ds = new JwtHikariDataSource(config(db, idp))) {
        HikariPoolMXBean pool = ds.getHikariPoolMXBean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(THREADS);
        for (int w = 0; w < THREADS; w++) {
          int worker = w;
          Thread t = new Thread(() -> {
            try {
              while (!stop.get()) {
                work(ds, worker, committed, failed);
              }
            } finally {
              done.countDown();
            }
          }, "soak-worker-" + w);
          t.setDaemon(true);
          t.start();
        }

        long end = duration.toMillis();
        long nextSample = WARM_UP.toMillis();
        long nextGc = WARM_UP.toMillis();
        boolean slowDone = false;
        boolean restartDone = false;
        boolean rotateDone = false;
        mark("start: " + THREADS + " threads, pool " + POOL + ", tokens " + TOKEN_LIFETIME.toSeconds() + " s");
        while (now() < end) {
          long t = now();
          // the identity provider's flaps, except while it is being slow
          long inCycle = t % FLAP_EVERY.toMillis();
          boolean flapping = t >= FLAP_EVERY.toMillis() && inCycle < FLAP_DOWN.toMillis();
          boolean slow = slowDone && idp.mode() == FlakyIdp.Mode.SLOW;
          if (!slow) {
            FlakyIdp.Mode wanted = flapping
                ? ((t / FLAP_EVERY.toMillis()) % 2 == 0 ? FlakyIdp.Mode.DOWN_503 : FlakyIdp.Mode.DOWN_RESET)
                : FlakyIdp.Mode.HEALTHY;
            if (idp.mode() != wanted) {
              idp.mode(wanted);
              mark("identity provider " + wanted);
            }
          }
          if (!slowDone && t >= slowAt) {
            slowDone = true;
            phase = "slow identity provider";
            idp.mode(FlakyIdp.Mode.SLOW);
            mark("identity provider SLOW (answers after " + HTTP_TIMEOUT.multipliedBy(3).toSeconds()
                + " s, jwt.httpTimeout " + HTTP_TIMEOUT.toSeconds() + " s) for " + SLOW_FOR.toSeconds() + " s");
          }
          if (slow && t >= slowAt + SLOW_FOR.toMillis()) {
            idp.mode(FlakyIdp.Mode.HEALTHY);
            phase = "steady";
            mark("identity provider HEALTHY");
          }
          if (!restartDone && t >= restartAt) {
            restartDone = true;
            phase = "database restart";
            restartedAt = now();
            mark("database restart begins");
            Duration down = db.restart();
            restartDoneAt = now();
            mark("database accepts logins again (down " + down.toMillis() + " ms)");
          }
          if (restartDone && "database restart".equals(phase) && now() > restartDoneAt + RESTART_GRACE.toMillis()) {
            phase = "steady";
          }
          if (!rotateDone && t >= rotateAt) {
            rotateDone = true;
            phase = "key rotation";
            db.ldapBridge().trust(newKey.trustPolicy());
            idp.signWith(newKey);
            mark("key rotation: the database trusts only the new key, the identity provider signs with it");
          }
          if ("key rotation".equals(phase) && now() > rotateAt + 10_000) {
            phase = "steady";
          }
          if ("warm-up".equals(phase) && t >= WARM_UP.toMillis()) {
            phase = "steady";
          }
          if (t >= nextSample) {
            boolean gc = t >= nextGc;
            samples.add(Sample.take(t, pool, transactions.get(), gc));
            nextSample += SAMPLE_EVERY.toMillis();
            if (gc) {
              nextGc += GC_EVERY.toMillis();
            }
          }
          Thread.sleep(50);
        }
        samples.add(Sample.take(now(), pool, transactions.get(), true));
        try (Connection c = ds.getConnection()) {
          keyAfterRotation = c.unwrap(TokenConnection.class).tokenKeyId().orElse("none");
        }
        stop.set(true);
        assertThat(done.await(60, TimeUnit.SECONDS)).as("workers stop").isTrue();
        sessionsAtEnd = sessions(db);
        mark("end: " + transactions.get() + " transactions, " + failures.size() + " failed");
      }
      TokenCaches.clear(); // no refresh after this point: the counts below are final
      int sessionsAfterClose = awaitSessions(db, 0);
      long inDatabase = 0;
      boolean everyWorkerConsistent = true;
      try (Connection admin = db.adminConnection(); Statement s = admin.createStatement();
           ResultSet rs = s.executeQuery("SELECT worker, n FROM soak ORDER BY worker")) {
        while (rs.next()) {
          int w = rs.getInt(1);
          long n = rs.getLong(2);
          inDatabase += n;
          // a failed commit may or may not have happened; a successful one must be there
          everyWorkerConsistent &= n >= committed.get(w) && n <= committed.get(w) + failed.get(w);
        }
      }

      refusedLogins = db.ldapBridge().failedBinds();
      String report = report(duration, samples, idp, inDatabase, sessionsAtEnd,
          keyAfterRotation.equals(newKey.keyId()));
      write(report);
      System.out.println(report);

      // --- what each event may and may not do ---------------------------------------------------------------
      long restartFrom = restartedAt;
      long restartUntil = restartDoneAt + RESTART_GRACE.toMillis();
      assertThat(failures).as("failed transactions outside the database restart window [%d ms, %d ms]",
          restartFrom, restartUntil).allSatisfy(f -> assertThat(f.atMillis()).isBetween(restartFrom, restartUntil));
      assertThat(failures).as("authentication errors").noneMatch(f -> f.sqlState() != null
          && f.sqlState().startsWith("28"));
      assertThat(firstSuccessAfterRestart.get()).as("first transaction after the restart").isPositive();
      assertThat(firstSuccessAfterRestart.get() - restartDoneAt).as("ms from restart to service")
          .isLessThan(RESTART_GRACE.toMillis());
      assertThat(transactions.get()).as("transactions").isGreaterThan(duration.toSeconds() * 50);
      assertThat(everyWorkerConsistent).as("every committed transaction is in the database (%d there, %d committed)",
          inDatabase, transactions.get()).isTrue();
      // the faults were really felt
      assertThat(idp.refused.get()).as("token requests refused during flaps").isPositive();
      assertThat(idp.slowAnswers.get()).as("token requests answered too slowly").isPositive();
      assertThat(count(TokenEvent.Type.REFRESH_FAILED)).as("failed refreshes reported").isPositive();
      assertThat(keyAfterRotation).as("key id of the connections after the rotation").isEqualTo(newKey.keyId());
      // one request per token: identity-provider answers with a token = tokens the cache took, give or take the
      // answers the client gave up on (too slow) and one refresh in flight when the caches were closed
      long obtained = count(TokenEvent.Type.FETCHED) + count(TokenEvent.Type.REFRESHED);
      assertThat(idp.tokensIssued.get()).as("tokens minted vs tokens obtained")
          .isBetween(obtained, obtained + idp.slowAnswers.get() + 1);

      // --- no growth ---------------------------------------------------------------------------------------
      Sample start = samples.get(0);
      Sample last = samples.get(samples.size() - 1);
      assertThat(samples).as("pool size").allSatisfy(x -> assertThat(x.poolTotal()).isLessThanOrEqualTo(POOL));
      assertThat(sessionsAtEnd).as("database sessions of the user at the end").isLessThanOrEqualTo(POOL);
      assertThat(sessionsAfterClose).as("database sessions after the pool closed").isZero();
      assertThat(samples).as("jdbc-jwt threads").allSatisfy(x -> assertThat(x.ourThreads()).isLessThanOrEqualTo(8));
      assertThat(median(samples.subList(samples.size() * 3 / 4, samples.size()), Sample::threads))
          .as("threads, last quarter vs start (%d)", start.threads()).isLessThanOrEqualTo(start.threads() + 10);
      if (start.fileDescriptors() >= 0) {
        assertThat(median(samples.subList(samples.size() * 3 / 4, samples.size()), x -> (int) x.fileDescriptors()))
            .as("file descriptors, last quarter vs start (%d)", start.fileDescriptors())
            .isLessThanOrEqualTo((int) start.fileDescriptors() + 20);
      }
      assertThat(last.heapAfterGcBytes()).as("heap after GC at the end vs the start (%d bytes)",
          start.heapAfterGcBytes()).isLessThan(start.heapAfterGcBytes() + Math.max(32L << 20,
          start.heapAfterGcBytes() / 2));
    } finally {
      TokenCaches.removeListener(counter);
      TokenCaches.clear();
    }
  }

  /** 15 s into the flap cycle nearest to {@code share} of the run. */
  private static long cycleMiddle(Duration duration, double share) {
    long cycle = FLAP_EVERY.toMillis();
    long k = Math.max(1, Math.round(duration.toMillis() * share / cycle));
    return k * cycle + cycle / 2;
  }

  private HikariConfig config(PostgresServer db, FlakyIdp idp) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("soak");
    config.setJdbcUrl("jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable"
        + "&jwt.httpTimeout=" + HTTP_TIMEOUT.toSeconds() + "s&jwt.clockSkew=1s&jwt.refreshAhead=80%"
        + "&jwt.fetchTimeout=3s");
    config.setUsername(USER);
    config.addDataSourceProperty("jwt.provider", "client-credentials");
    config.addDataSourceProperty("jwt.tokenEndpoint", String.valueOf(idp.tokenEndpoint()));
    config.addDataSourceProperty("jwt.clientId", "soak");
    config.addDataSourceProperty("jwt.clientSecret", CLIENT_SECRET);
    config.setMaximumPoolSize(POOL);
    config.setConnectionTimeout(15_000);
    config.setInitializationFailTimeout(60_000); // a busy machine's first login may be slow; keep trying
    return config;
  }

  private void work(JwtHikariDataSource ds, int worker, AtomicLongArray committed, AtomicLongArray failed) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement("UPDATE soak SET n = n + 1 WHERE worker = ?")) {
        update.setInt(1, worker);
        if (update.executeUpdate() != 1) {
          throw new SQLException("row of worker " + worker + " missing");
        }
      }
      try (PreparedStatement read = c.prepareStatement("SELECT n FROM soak WHERE worker = ?")) {
        read.setInt(1, worker);
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
        }
      }
      c.commit();
      committed.incrementAndGet(worker);
      transactions.incrementAndGet();
      if (restartDoneAt >= 0 && firstSuccessAfterRestart.get() < 0) {
        firstSuccessAfterRestart.compareAndSet(-1, now());
      }
    } catch (SQLException | RuntimeException e) {
      failed.incrementAndGet(worker);
      String state = e instanceof SQLException sql ? sql.getSQLState() : null;
      failures.add(new Failure(now(), phase, state, String.valueOf(e.getMessage())));
    }
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int sessions(PostgresServer db) throws SQLException {
    try (Connection admin = db.adminConnection(); Statement s = admin.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + USER + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int awaitSessions(PostgresServer db, int wanted) throws Exception {
    int n = sessions(db);
    for (int i = 0; i < 50 && n != wanted; i++) {
      Thread.sleep(100);
      n = sessions(db);
    }
    return n;
  }

  private static int median(List<Sample> samples, java.util.function.ToIntFunction<Sample> f) {
    int[] v = samples.stream().mapToInt(f).sorted().toArray();
    return v[v.length / 2];
  }

  private long count(TokenEvent.Type type) {
    AtomicLong n = events.get(type);
    return n == null ? 0 : n.get();
  }

  private String report(Duration duration, List<Sample> samples, FlakyIdp idp,
      long inDatabase, int sessionsAtEnd, boolean newKeyAfterRotation) {
    Map<String, Long> byType = new TreeMap<>();
    events.forEach((type, n) -> byType.put(type.name(), n.get()));
    Map<String, Long> failuresByPhase = failures.stream().collect(Collectors.groupingBy(
        f -> f.phase() + " / " + f.sqlState(), TreeMap::new, Collectors.counting()));
    Sample first = samples.get(0);
    Sample last = samples.get(samples.size() - 1);
    StringBuilder r = new StringBuilder();
    r.append("## Soak: ").append(Durations.format(duration)).append(", ").append(THREADS).append(" threads, pool ")
        .append(POOL).append(", ").append(TOKEN_LIFETIME.toSeconds()).append(" s tokens\n\n");
    r.append("| Figure | Value |\n|---|---:|\n");
    r.append("| transactions committed | ").append(transactions.get()).append(" |\n");
    r.append("| transactions per second | ").append(transactions.get() / Math.max(1, duration.toSeconds()))
        .append(" |\n");
    r.append("| rows counted in the database | ").append(inDatabase).append(" |\n");
    r.append("| failed transactions | ").append(failures.size()).append(" |\n");
    failuresByPhase.forEach((k, v) -> r.append("| … during ").append(k).append(" | ").append(v).append(" |\n"));
    r.append("| authentication errors seen by the application | ")
        .append(failures.stream().filter(f -> f.sqlState() != null && f.sqlState().startsWith("28")).count())
        .append(" |\n");
    r.append("| tokens issued by the identity provider | ").append(idp.tokensIssued.get()).append(" |\n");
    r.append("| token requests refused (flaps) | ").append(idp.refused.get()).append(" |\n");
    r.append("| token requests answered too slowly | ").append(idp.slowAnswers.get()).append(" |\n");
    byType.forEach((k, v) -> r.append("| token events ").append(k).append(" | ").append(v).append(" |\n"));
    r.append("| logins the database refused (old key after the rotation; retried by the driver) | ")
        .append(refusedLogins).append(" |\n");
    r.append("| key id after the rotation is the new key's | ").append(newKeyAfterRotation ? "yes" : "no")
        .append(" |\n");
    r.append("| database sessions of the user at the end (pool ").append(POOL).append(") | ").append(sessionsAtEnd)
        .append(" |\n");
    r.append("| threads start → end | ").append(first.threads()).append(" → ").append(last.threads()).append(" |\n");
    r.append("| open file descriptors start → end | ").append(first.fileDescriptors()).append(" → ")
        .append(last.fileDescriptors()).append(" |\n");
    r.append("| heap after GC start → end (MiB) | ")
        .append(String.format("%.1f → %.1f", first.heapAfterGcBytes() / 1048576.0, last.heapAfterGcBytes() / 1048576.0))
        .append(" |\n\n");
    r.append("Timeline:\n\n```\n").append(String.join("\n", timeline)).append("\n```\n\n");
    r.append("Samples (every ").append(SAMPLE_EVERY.toSeconds()).append(" s; heap after a full GC every ")
        .append(GC_EVERY.toSeconds()).append(" s):\n\n").append(Sample.header()).append('\n');
    samples.forEach(s -> r.append(s.row()).append('\n'));
    if (!failures.isEmpty()) {
      r.append("\nFailures (first 10):\n\n");
      failures.stream().limit(10).forEach(f -> r.append("- ").append(f.atMillis()).append(" ms, ").append(f.phase())
          .append(", ").append(f.sqlState()).append(": ").append(f.message()).append('\n'));
    }
    return r.toString();
  }

  private static void write(String report) throws IOException {
    Path dir = Path.of("target", "soak");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("soak-report.md"), report);
  }
}
