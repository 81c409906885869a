package dev.jdbcjwt.benchmarks.e2e;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.report.Group;
import dev.jdbcjwt.benchmarks.report.IdpCount;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.token.cache.TokenCache;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HikariCP borrow latency ({@code getConnection()} until it returns) with a static password against
 * {@link JwtHikariDataSource} with long-lived tokens and with tokens rotating every few seconds. The pools run side by
 * side; measurement windows alternate between them, {@code threads} threads each borrowing, running {@code SELECT 1}
 * and returning the connection.
 *
 * <p>Rotating tokens: the IdP mints tokens living 40 s; with {@code jwt.clockSkew=5s} and {@code jwt.refreshAhead=28s}
 * the cache refreshes every 4 to 7 s, and {@code JwtHikariDataSource} sets {@code maxLifetime} to 30 s (Hikari's
 * floor), so connections are also replaced with fresh logins in the background during the run.
 */
final class HikariBorrow {

  static final Duration ROTATING_TTL = Duration.ofSeconds(40);
  static final String ROTATING_OPTIONS = "&jwt.clockSkew=5s&jwt.refreshAhead=28s";

  private HikariBorrow() {
  }

  static void run(Settings settings, Results results, PostgresSetup pg, Idp idp) throws Exception {
    int size = settings.hikariPoolSize();
    String longUrl = EndToEnd.jwtUrl(pg.url("jwt"), idp, "hikari-long", PostgresSetup.TOKEN_USER,
        EndToEnd.LONG_TTL, "");
    String rotatingUrl = EndToEnd.jwtUrl(pg.url("jwt"), idp, "hikari-rotating", PostgresSetup.TOKEN_USER,
        ROTATING_TTL, ROTATING_OPTIONS);
    Properties jwtProps = EndToEnd.jwtCredentials(PostgresSetup.TOKEN_USER);
    TokenCache rotatingCache = EndToEnd.cacheOf(rotatingUrl, jwtProps);
    TokenCounter counter = new TokenCounter();
    rotatingCache.addListener(counter);

    long started = System.nanoTime();
    Map<String, HikariDataSource> pools = new LinkedHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(settings.hikariThreads());
    try {
      openPools(pools, pg, idp, size, longUrl, rotatingUrl);
      warmUp(settings, pools, threads, size);
      Map<String, Interleaved.Samples> samples = measure(settings, pools, threads);
      addRows(settings, results, pools, samples, size);
    } finally {
      threads.shutdownNow();
      pools.values().forEach(HikariDataSource::close);
      rotatingCache.removeListener(counter);
    }
    addEvictions(results, pools);
    double seconds = (System.nanoTime() - started) / 1e9;
    long requests = idp.requests("hikari-rotating");
    results.idp.add(new IdpCount("HikariCP pool, tokens rotating every 4-7 s", -1, settings.hikariThreads(),
        requests, counter.tokens.get(), counter.tokens.get(), (int) counter.failures.get(), seconds,
        "one request per token obtained (initial fetch + background refreshes); borrows never wait for the IdP"));
  }

  /** Opens the pools into {@code pools} one by one, so that the caller closes those opened if one fails. */
  private static void openPools(Map<String, HikariDataSource> pools, PostgresSetup pg, Idp idp, int size,
      String longUrl, String rotatingUrl) throws Exception {
    HikariConfig plain = config(Names.HIKARI_STATIC, pg.jdbcUrl(), PostgresSetup.SCRAM_USER, size);
    plain.setPassword(PostgresSetup.SCRAM_PASSWORD);
    pools.put(Names.HIKARI_STATIC, new HikariDataSource(plain));
    HikariConfig plainShort = config(Names.HIKARI_STATIC_SHORT, pg.jdbcUrl(), PostgresSetup.SCRAM_USER, size);
    plainShort.setPassword(PostgresSetup.SCRAM_PASSWORD);
    plainShort.setMaxLifetime(30_000);
    pools.put(Names.HIKARI_STATIC_SHORT, new HikariDataSource(plainShort));
    // the server-side cost of the rotating pool's replacement logins (the token check), without jdbc-jwt
    HikariConfig tokenShort = config(Names.HIKARI_TOKEN_SHORT, pg.jdbcUrl(), PostgresSetup.TOKEN_USER, size);
    tokenShort.setPassword(idp.token(PostgresSetup.TOKEN_USER, Duration.ofHours(2)));
    tokenShort.setMaxLifetime(30_000);
    pools.put(Names.HIKARI_TOKEN_SHORT, new HikariDataSource(tokenShort));
    pools.put(Names.HIKARI_LONG, jwtPool(config(Names.HIKARI_LONG, longUrl, PostgresSetup.TOKEN_USER, size)));
    pools.put(Names.HIKARI_ROTATING,
        jwtPool(config(Names.HIKARI_ROTATING, rotatingUrl, PostgresSetup.TOKEN_USER, size)));
  }

  private static void warmUp(Settings settings, Map<String, HikariDataSource> pools, ExecutorService threads,
      int size) throws Exception {
    for (HikariDataSource ds : pools.values()) {
      awaitFull(ds, size);
      BorrowWindow.measure(ds, threads, settings.hikariThreads(), settings.hikariWindowMillis() / 2, null); // warm-up
    }
  }

  private static Map<String, Interleaved.Samples> measure(Settings settings, Map<String, HikariDataSource> pools,
      ExecutorService threads) throws Exception {
    EndToEnd.log("HikariCP borrow latency, " + pools.size() + " pools, " + settings.hikariRounds() + " rounds of "
        + settings.hikariWindowMillis() + " ms windows");
    Map<String, Interleaved.Samples> samples = new LinkedHashMap<>();
    pools.keySet().forEach(k -> samples.put(k, new Interleaved.Samples()));
    List<String> names = new ArrayList<>(pools.keySet());
    Random random = new Random(20_26);
    for (int round = 0; round < settings.hikariRounds(); round++) {
      Collections.shuffle(names, random); // a new order every round, the same every run
      for (String name : names) {
        LongList window = BorrowWindow.measure(pools.get(name), threads, settings.hikariThreads(),
            settings.hikariWindowMillis(), null);
        Interleaved.Samples s = samples.get(name);
        s.rounds.add(window);
        s.all.addAll(window);
      }
    }
    return samples;
  }

  private static void addRows(Settings settings, Results results, Map<String, HikariDataSource> pools,
      Map<String, Interleaved.Samples> samples, int size) {
    results.groups.add(new Group(Names.HIKARI_BORROW, "HikariCP borrow latency (getConnection), pool of " + size
        + ", "
        + settings.hikariThreads() + " threads",
        "getConnection() until it returns, then SELECT 1 and close() (not timed); windows of "
            + settings.hikariWindowMillis() + " ms, one per pool per round in a random order", Names.HIKARI_STATIC));
    results.rows.addAll(Rows.of(Names.HIKARI_BORROW, samples, Names.HIKARI_STATIC, Map.of(
        Names.HIKARI_STATIC, "user " + PostgresSetup.SCRAM_USER + " (scram-sha-256), maxLifetime 30 min (default)",
        Names.HIKARI_STATIC_SHORT, "the same, retiring connections as often as the rotating-token pool",
        Names.HIKARI_TOKEN_SHORT, "plain HikariCP, user " + PostgresSetup.TOKEN_USER + " with one long-lived token as "
            + "its password, maxLifetime 30 s: the server's token check on every replacement login, no jdbc-jwt",
        Names.HIKARI_LONG, "maxLifetime tuned to " + lifetime(pools.get(Names.HIKARI_LONG)) + " s",
        Names.HIKARI_ROTATING, "maxLifetime tuned to " + lifetime(pools.get(Names.HIKARI_ROTATING))
            + " s; connections replaced in the background while measuring")));
  }

  private static void addEvictions(Results results, Map<String, HikariDataSource> pools) {
    Map<String, Long> evicted = new LinkedHashMap<>();
    pools.forEach((name, ds) -> {
      if (ds instanceof CountingJwtHikariDataSource counting) {
        evicted.put(name, counting.evictedOnBorrow.get());
      }
    });
    results.facts.put("hikariConnectionsEvictedOnBorrowForExpiredToken", evicted);
  }

  private static long lifetime(HikariDataSource ds) {
    return Duration.ofMillis(ds.getMaxLifetime()).toSeconds();
  }

  private static HikariConfig config(String name, String url, String user, int size) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name.replaceAll("[^A-Za-z0-9]+", "-"));
    c.setJdbcUrl(url);
    c.setUsername(user);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setConnectionTimeout(10_000);
    return c;
  }

  private static HikariDataSource jwtPool(HikariConfig config) {
    config.addDataSourceProperty("jwt.clientSecret", MintingIdp.CLIENT_SECRET);
    return new CountingJwtHikariDataSource(config);
  }

  /**
   * Counts the connections JwtHikariDataSource evicts on borrow because their token had expired (it calls
   * {@code evictConnection} for each, then borrows another): work on the borrow path that a static-password pool
   * never does.
   */
  static final class CountingJwtHikariDataSource extends JwtHikariDataSource {
    final AtomicLong evictedOnBorrow = new AtomicLong();

    CountingJwtHikariDataSource(HikariConfig config) {
      super(config);
    }

    @Override
    public void evictConnection(Connection connection) {
      evictedOnBorrow.incrementAndGet();
      super.evictConnection(connection);
    }
  }

  private static void awaitFull(HikariDataSource ds, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ds.getHikariPoolMXBean() == null || ds.getHikariPoolMXBean().getTotalConnections() < size) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(ds.getPoolName() + " did not fill to " + size + " connections in 30 s");
      }
      Thread.sleep(20);
    }
  }
}
