package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.jdbc.hikari.PoolLifetimes;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.testing.pool.HikariPoolModel;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.cache.Scheduler;
import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.cache.TokenCache;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Churn on the fake clock: a pool of {@link #POOL} connections under {@code JwtHikariDataSource}'s rules (the
 * {@link PoolLifetimes} plan, each connection asking the real token cache for {@code jwt.minTokenLife}), HikariCP's
 * retirement modelled by {@link HikariPoolModel}, against a static-password pool with the same {@code maxLifetime}
 * and the same lifetime variances. Six token lifetimes; no network, a few milliseconds.
 */
final class ChurnModel {

  static final int POOL = 10;
  static final Duration SKEW = Duration.ofSeconds(5);
  static final Duration CONNECT = Duration.ofMillis(200);
  static final int LIFETIMES = 6;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long SEED = 17;

  private ChurnModel() {
  }

  /**
   * The figures for tokens living {@code lifetime}: logins of both pools, their ratio, IdP requests per lifetime; and
   * the same under the previous rule ({@code maxLifetime} nine tenths of the usable lifetime, no minimum token life).
   */
  static Map<String, Object> run(Duration lifetime) throws TokenException {
    PoolLifetimes plan = PoolLifetimes.plan(lifetime, SKEW, Duration.ofMinutes(30));
    Map<String, Object> m = run(lifetime, plan.maxLifetime(), plan.minTokenLife());
    // the previous rule is what a pool keeps when the application sets jwt.minTokenLife itself; here with no minimum
    PoolLifetimes previousPlan = PoolLifetimes.withOwnMinimum(lifetime, SKEW, Duration.ofMinutes(30));
    Map<String, Object> previous = run(lifetime, previousPlan.maxLifetime(), Duration.ZERO);
    Map<String, Object> p = new LinkedHashMap<>();
    for (String key : new String[] {"maxLifetimeSeconds", "logins", "staticLogins", "loginRatio",
        "retiredEarlyForToken", "idpRequestsPerLifetime"}) {
      p.put(key, previous.get(key));
    }
    m.put("previousRule", p);
    return m;
  }

  private static Map<String, Object> run(Duration lifetime, Duration maxLifetime, Duration min)
      throws TokenException {
    FakeClock clock = new FakeClock(START);
    AtomicLong requests = new AtomicLong();
    TokenSource source = () -> {
      requests.incrementAndGet();
      return Token.opaque(Secret.of("t"), clock.instant(), lifetime);
    };
    Scheduler scheduler = (task, delay) -> {
      Runnable cancel = clock.schedule(task, delay);
      return cancel::run;
    };
    Random jitter = new Random(SEED);
    TokenCache cache = TokenCache.builder(source).label("churn-model").clockSkew(SKEW)
        .time(new Timekeeper(clock, scheduler, Runnable::run, jitter::nextDouble)).build();
    cache.fetch();
    HikariPoolModel pool = new HikariPoolModel(clock, POOL, maxLifetime, CONNECT, true, SEED, () -> {
      try {
        return fetch(cache, min).expiresAt().minus(SKEW);
      } catch (TokenException e) {
        throw new IllegalStateException(e);
      }
    });
    Duration duration = lifetime.multipliedBy(LIFETIMES);
    Duration step = lifetime.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMillis(250) : Duration.ofSeconds(1);
    long before = requests.get() - 1;
    pool.run(duration, step);
    HikariPoolModel staticPool = new HikariPoolModel(new FakeClock(START), POOL, maxLifetime, CONNECT, true, SEED,
        () -> Instant.MAX).run(duration, step);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenLifetimeSeconds", lifetime.toSeconds());
    m.put("maxLifetimeSeconds", maxLifetime.toSeconds());
    m.put("minTokenLifeSeconds", min.toSeconds());
    m.put("logins", pool.logins());
    m.put("staticLogins", staticPool.logins());
    m.put("loginRatio", round((double) pool.logins() / staticPool.logins()));
    m.put("retiredEarlyForToken", pool.retiredForToken());
    m.put("idpRequestsPerLifetime", round((requests.get() - before) / (double) LIFETIMES));
    return m;
  }

  /** A connect of JwtHikariDataSource: the driver asks the cache for jwt.minTokenLife. */
  private static Token fetch(TokenCache cache, Duration minRemaining) throws TokenException {
    return cache.fetch(minRemaining);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
