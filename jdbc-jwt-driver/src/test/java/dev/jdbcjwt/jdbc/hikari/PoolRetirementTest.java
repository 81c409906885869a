package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.testing.pool.HikariPoolModel;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.cache.MinTokenLife;
import dev.jdbcjwt.token.cache.Scheduler;
import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.config.Durations;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each HikariCP route's connections over rotating tokens on a fake clock, HikariCP's retirement modelled
 * ({@link HikariPoolModel}), the token cache real: no connection retired early for its token where the token allows
 * it, at most two identity-provider requests per token lifetime, and about as many logins as a static-password pool
 * with the same {@code maxLifetime}.
 */
class PoolRetirementTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(5);
  private static final Duration CONNECT = Duration.ofMillis(200);
  private static final int POOL = 10;
  private static final long SEED = 17;

  /** Mints opaque tokens living {@code lifetime} from the fake clock, counting requests. */
  static final class MintingSource implements TokenSource {
    final FakeClock clock;
    final Duration lifetime;
    final AtomicLong requests = new AtomicLong();
    final Map<String, Token> minted = new ConcurrentHashMap<>();

    MintingSource(FakeClock clock, Duration lifetime) {
      this.clock = clock;
      this.lifetime = lifetime;
    }

    @Override
    public Token fetch() {
      String value = "token-" + requests.incrementAndGet();
      Token t = Token.opaque(Secret.of(value), clock.instant(), lifetime);
      minted.put(value, t);
      return t;
    }
  }

  /** The outcome of one route over six token lifetimes, against a static pool with the same maxLifetime. */
  record Outcome(HikariPoolModel pool, HikariPoolModel staticPool, long idpRequests, double lifetimes,
      PoolLifetimes plan) {
    double loginRatio() {
      return (double) pool.logins() / staticPool.logins();
    }

    double requestsPerLifetime() {
      return idpRequests / lifetimes;
    }

    @Override
    public String toString() {
      return "maxLifetime " + Durations.format(plan.maxLifetime()) + ", jwt.minTokenLife "
          + Durations.format(plan.minTokenLife()) + ", " + pool + " vs static " + staticPool.logins()
          + " logins (ratio " + String.format("%.3f", loginRatio()) + "), IdP requests per lifetime "
          + String.format("%.2f", requestsPerLifetime());
    }
  }

  private static TokenCache cache(FakeClock clock, TokenSource source) {
    Scheduler scheduler = (task, delay) -> {
      Runnable cancel = clock.schedule(task, delay);
      return cancel::run;
    };
    Random jitter = new Random(SEED);
    return TokenCache.builder(source).label("pool-model").clockSkew(SKEW)
        .time(new Timekeeper(clock, scheduler, Runnable::run, jitter::nextDouble)).build();
  }

  /** The login of a jdbc:jwt: connection: the driver asks the cache for jwt.minTokenLife (TokenCache.fetch). */
  private static Token fetch(TokenCache cache, Duration minRemaining) throws TokenException {
    return cache.fetch(minRemaining);
  }

  private static Instant usableUntil(Token t) {
    return t.expiresAt().minus(SKEW);
  }

  /** JwtHikariDataSource (and the Spring Boot starter's pool, which extends it): jwt.minTokenLife on each connect. */
  static Outcome dataSourceRoute(Duration lifetime) throws TokenException {
    FakeClock clock = new FakeClock(START);
    MintingSource source = new MintingSource(clock, lifetime);
    TokenCache cache = cache(clock, source);
    HikariConfig config = new HikariConfig();
    PoolLifetimes plan = JwtHikari.apply(config, cache.fetch(), SKEW, clock.instant()).orElseThrow();
    String asked = config.getDataSourceProperties().getProperty("jwt.minTokenLife");
    Duration min = asked == null ? Duration.ZERO : Durations.parse(asked);
    Duration maxLifetime = Duration.ofMillis(config.getMaxLifetime());
    HikariPoolModel pool = new HikariPoolModel(clock, POOL, maxLifetime, CONNECT, true, SEED, () -> {
      try {
        return usableUntil(fetch(cache, min));
      } catch (TokenException e) {
        throw new IllegalStateException(e);
      }
    });
    return run(clock, pool, source, lifetime, maxLifetime, plan);
  }

  /** HikariCP 7's credentials provider, tuned by JwtHikari.configure: the vendor's own connections. */
  static Outcome credentialsProviderRoute(Duration lifetime) throws Exception {
    FakeClock clock = new FakeClock(START);
    MintingSource source = new MintingSource(clock, lifetime);
    TokenCache cache = cache(clock, source);
    JwtCredentialsProvider provider = JwtCredentialsProvider.over("app", cache);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://db.example/app");
    config.setCredentialsProvider(provider);
    JwtHikari.configure(config);
    Duration maxLifetime = Duration.ofMillis(config.getMaxLifetime());
    PoolLifetimes plan = PoolLifetimes.plan(lifetime, SKEW, Duration.ofMinutes(30));
    assertThat(maxLifetime).isEqualTo(plan.maxLifetime());
    assertThat(provider.minimum()).isEqualTo(MinTokenLife.of(plan.minTokenLife()));
    HikariPoolModel pool = new HikariPoolModel(clock, POOL, maxLifetime, CONNECT, false, SEED,
        () -> usableUntil(source.minted.get(provider.getCredentials().getPassword())));
    return run(clock, pool, source, lifetime, maxLifetime, plan);
  }

  private static Outcome run(FakeClock clock, HikariPoolModel pool, MintingSource source, Duration lifetime,
      Duration maxLifetime, PoolLifetimes plan) {
    Duration duration = lifetime.multipliedBy(6);
    Duration step = lifetime.compareTo(Duration.ofMinutes(2)) < 0 ? Duration.ofMillis(250) : Duration.ofSeconds(1);
    long before = source.requests.get() - 1; // the first token is the pool's start, as for the static pool's password
    pool.run(duration, step);
    FakeClock staticClock = new FakeClock(START);
    HikariPoolModel staticPool = new HikariPoolModel(staticClock, POOL, maxLifetime, CONNECT, true, SEED,
        () -> Instant.MAX).run(duration, step);
    return new Outcome(pool, staticPool, source.requests.get() - before, 6, plan);
  }

  @Test
  void fifteenMinuteTokensRetireNoConnectionEarlyThroughTheDataSource() throws Exception {
    Outcome o = dataSourceRoute(Duration.ofMinutes(15));
    System.out.println("JwtHikariDataSource, 15 min tokens: " + o);
    assertThat(o.pool.retiredForToken()).as(o.toString()).isZero();
    assertThat(o.requestsPerLifetime()).as(o.toString()).isLessThanOrEqualTo(2.0);
    assertThat(o.loginRatio()).as(o.toString()).isLessThanOrEqualTo(1.05);
  }

  @Test
  void fifteenMinuteTokensCoverEveryConnectionThroughTheCredentialsProvider() throws Exception {
    Outcome o = credentialsProviderRoute(Duration.ofMinutes(15));
    System.out.println("JwtCredentialsProvider, 15 min tokens: " + o);
    assertThat(o.plan.coversMaxLifetime()).isTrue();
    assertThat(o.pool.outlivedToken()).as(o.toString()).isZero();
    assertThat(o.requestsPerLifetime()).as(o.toString()).isLessThanOrEqualTo(2.0);
    assertThat(o.loginRatio()).as(o.toString()).isLessThanOrEqualTo(1.05);
  }

  /**
   * 60 s tokens are too short for both: HikariCP's 30 s floor is above what a cache can promise at two requests per
   * lifetime (25 s - 2.5 s jitter: 22.5 s), so connections opened late in a token's life still retire on borrow at
   * its expiry. The identity-provider bound holds, every borrow is served, and the logins stay within 5% of a static
   * pool's.
   */
  @Test
  void sixtySecondTokensKeepTheRequestBoundAndRetireLateConnectionsOnBorrow() throws Exception {
    Outcome o = dataSourceRoute(Duration.ofSeconds(60));
    System.out.println("JwtHikariDataSource, 60 s tokens: " + o);
    assertThat(o.plan.coversMaxLifetime()).isFalse();
    assertThat(o.plan.maxLifetime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.requestsPerLifetime()).as(o.toString()).isLessThanOrEqualTo(2.0);
    assertThat(o.pool.borrows()).isPositive();
    // each connection still asks for what the cache can give (22.5 s): few retire early, so logins stay close
    assertThat(o.pool.retiredForToken()).as(o.toString()).isPositive();
    assertThat(o.loginRatio()).as(o.toString()).isLessThanOrEqualTo(1.05);
  }
}
