package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenSource;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * Assembles a {@link TokenCache}, as nimbus-jose-jwt's {@code JWKSourceBuilder} assembles a JWK source: the token
 * source, wrapped so that an unusable token is a failure, called through a single flight, under the refresh-ahead
 * cache whose refresh times come from a {@link RefreshAhead} schedule and whose waits after failures and refusals come
 * from a capped exponential backoff. Defaults: {@link Timekeeper#SYSTEM} (system clock, the JVM-wide
 * {@link SharedScheduler}), clock skew 30 s, refresh when 25% of the lifetime remains, wait at most 10 s for a token,
 * retry after 1 s doubling up to 30 s with 20% jitter. {@link #build()} rejects contradictory settings with a message
 * that gives the values.
 */
public final class TokenCacheBuilder {

  final TokenSource source;
  String label = "token source";
  Clock clock = Timekeeper.SYSTEM.clock();
  Scheduler scheduler;
  Executor executor;
  Duration clockSkew = Duration.ofSeconds(30);
  RefreshAhead refreshAhead = RefreshAhead.share(25);
  Duration fetchTimeout = Duration.ofSeconds(10);
  Duration retryInitial = Duration.ofSeconds(1);
  Duration retryMax = Duration.ofSeconds(30);
  double retryJitter = 0.2;
  DoubleSupplier random = Timekeeper.SYSTEM.random();
  final List<TokenListener> listeners = new ArrayList<>();
  Runnable onIdleClose;

  TokenCacheBuilder(TokenSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * Clock, scheduler, executor and randomness in one: what a registry or a driver passes down.
   *
   * @param time where the cache's time and threads come from
   * @return this builder
   */
  public TokenCacheBuilder time(Timekeeper time) {
    this.clock = time.clock();
    this.scheduler = time.scheduler();
    this.executor = time.executor();
    this.random = time.random();
    return this;
  }

  /**
   * A name for logs and events (provider and user; never a secret).
   *
   * @param label the name
   * @return this builder
   */
  public TokenCacheBuilder label(String label) {
    this.label = Objects.requireNonNull(label);
    return this;
  }

  /**
   * The time source (default: the system clock); tests pass a fake one.
   *
   * @param clock the clock
   * @return this builder
   */
  public TokenCacheBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return this;
  }

  /**
   * Where refresh timers run; with {@link #executor}, tests make the cache fully deterministic.
   *
   * @param scheduler the timer
   * @return this builder
   */
  public TokenCacheBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler);
    return this;
  }

  /**
   * Where token source calls run.
   *
   * @param executor runs the calls to the token source
   * @return this builder
   */
  public TokenCacheBuilder executor(Executor executor) {
    this.executor = Objects.requireNonNull(executor);
    return this;
  }

  /**
   * How long before its expiry a token stops being served (default 30 s).
   *
   * @param clockSkew the margin
   * @return this builder
   */
  public TokenCacheBuilder clockSkew(Duration clockSkew) {
    this.clockSkew = Objects.requireNonNull(clockSkew);
    return this;
  }

  /**
   * When to refresh in the background (default: when 25% of the lifetime remains).
   *
   * @param refreshAhead the policy
   * @return this builder
   */
  public TokenCacheBuilder refreshAhead(RefreshAhead refreshAhead) {
    this.refreshAhead = Objects.requireNonNull(refreshAhead);
    return this;
  }

  /**
   * How long a caller waits for a token when none is usable (default 10 s).
   *
   * @param fetchTimeout the longest wait
   * @return this builder
   */
  public TokenCacheBuilder fetchTimeout(Duration fetchTimeout) {
    this.fetchTimeout = Objects.requireNonNull(fetchTimeout);
    return this;
  }

  /**
   * Retry delays: {@code initial}, doubling, at most {@code max}, each shortened by up to {@code jitter} (0–1).
   *
   * @param initial the first delay
   * @param max the longest delay
   * @param jitter the share by which a delay may be shortened
   * @return this builder
   */
  public TokenCacheBuilder retry(Duration initial, Duration max, double jitter) {
    this.retryInitial = Objects.requireNonNull(initial);
    this.retryMax = Objects.requireNonNull(max);
    this.retryJitter = jitter;
    return this;
  }

  /**
   * Source of randomness for jitter, uniform in [0, 1).
   *
   * @param random the source of randomness
   * @return this builder
   */
  public TokenCacheBuilder random(DoubleSupplier random) {
    this.random = Objects.requireNonNull(random);
    return this;
  }

  /**
   * Adds a listener for the cache's events.
   *
   * @param listener receives the events
   * @return this builder
   */
  public TokenCacheBuilder listener(TokenListener listener) {
    listeners.add(Objects.requireNonNull(listener));
    return this;
  }

  /**
   * Closes the cache when nobody asked it for a token for about one token lifetime: at its next refresh time it does
   * not refresh but closes its source and runs {@code onClosed} (a registry forgets it there). A closed cache still
   * answers {@code fetch()}, without background refreshes; registries hand out a fresh one instead.
   *
   * @param onClosed runs once the cache closed itself
   * @return this builder
   */
  public TokenCacheBuilder closeWhenIdle(Runnable onClosed) {
    this.onIdleClose = Objects.requireNonNull(onClosed);
    return this;
  }

  /**
   * Builds the cache; it fetches its first token on first use.
   *
   * @return the cache
   * @throws IllegalArgumentException when settings contradict each other; the message gives the values
   */
  public TokenCache build() {
    if (clockSkew.isNegative()) {
      throw new IllegalArgumentException("the clock skew must not be negative (got " + clockSkew + ")");
    }
    if (fetchTimeout.isNegative() || fetchTimeout.isZero()) {
      throw new IllegalArgumentException("the fetch timeout must be positive (got " + fetchTimeout + ")");
    }
    if ((scheduler == null) != (executor == null)) {
      throw new IllegalArgumentException("give both a scheduler and an executor, or neither (to use the shared ones);"
          + " got " + (scheduler == null ? "an executor and no scheduler" : "a scheduler and no executor"));
    }
    RetryPolicy retry = new RetryPolicy(new Backoff(retryInitial, retryMax, retryJitter));
    if (scheduler == null) {
      scheduler = Timekeeper.SYSTEM.scheduler();
      executor = Timekeeper.SYSTEM.executor();
    }
    return new TokenCache(this, new RefreshSchedule(clockSkew, refreshAhead), retry);
  }
}
