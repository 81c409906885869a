package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.Durations;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * A refresh-ahead token cache: the connection path reads the current token (one volatile read and a clock
 * comparison) and never waits for the identity provider once warm.
 *
 * <ul>
 *   <li>When {@code refreshAhead} of the token's usable lifetime remains (less a small random jitter), one background
 *       refresh runs; callers keep getting the current token meanwhile.</li>
 *   <li>Single flight: however many threads ask at once, at most one call to the token source is under way.</li>
 *   <li>A failed refresh keeps the current token while it is valid (its {@code exp} minus the clock skew) and is
 *       retried with capped exponential backoff and jitter, each failure reported once.</li>
 *   <li>With no valid token, callers wait at most {@code fetchTimeout} for the one call in flight; while the source is
 *       in backoff after a failure they fail at once with its last error, instead of queueing behind it.</li>
 *   <li>{@link #invalidate(Token)} drops a token the database refused, so the next caller fetches a fresh one; further
 *       refusals share the retry backoff: at most one fresh token per backoff step, the refused one served meanwhile,
 *       so a database that refuses every login cannot make the cache hammer the identity provider.</li>
 *   <li>Built with {@link TokenCacheBuilder#closeWhenIdle}, a cache that nobody asked for a token for about one token
 *       lifetime stops refreshing and closes itself when its next refresh is due.</li>
 * </ul>
 * Build one with {@link #builder(TokenSource)}; time, scheduler, executor and randomness are injectable.
 */
public final class TokenCache implements TokenSource {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");
  /**
   * With no valid token left, connections fail until the source answers again, so retry at least this often: the
   * outage ends for the application within this long of the identity provider's recovery.
   */
  static final Duration NO_TOKEN_RETRY_CAP = Duration.ofSeconds(2);
  /** The soonest a token obtained inside its refresh window is refreshed again (no back-to-back fetch loop). */
  static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);

  /** Last-use times are written at most this often (one write per second, not one per fetch). */
  private static final long TOUCH_GRANULARITY_MILLIS = 1000;

  /** A token with the instants derived from it, swapped atomically. */
  private record Entry(Token token, Instant usableUntil, Instant refreshAt, Duration lifetime) {
  }

  private final TokenSource source;
  private final String label;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Executor executor;
  private final Duration clockSkew;
  private final RefreshAhead refreshAhead;
  private final Duration fetchTimeout;
  private final Backoff backoff;
  private final DoubleSupplier random;
  private final List<TokenListener> listeners;
  private final Runnable onIdleClose;

  private volatile Entry entry;
  private volatile Instant nextAttemptAt;
  private volatile long lastUsedMillis;
  // guarded by this
  private CompletableFuture<Token> inflight;
  private int failures;
  private TokenException lastError;
  private Scheduler.Cancellable scheduled;
  private Token expiryReported;
  private volatile boolean closed; // written under this; read without it by registries
  private int refusals;
  private Instant lastRefusalAt;
  private Instant nextRefusalRefetchAt;

  TokenCache(TokenCacheBuilder b) {
    this.source = b.source;
    this.label = b.label;
    this.clock = b.clock;
    this.scheduler = b.scheduler;
    this.executor = b.executor;
    this.clockSkew = b.clockSkew;
    this.refreshAhead = b.refreshAhead;
    this.fetchTimeout = b.fetchTimeout;
    this.backoff = b.backoff;
    this.random = b.random;
    this.listeners = new java.util.concurrent.CopyOnWriteArrayList<>(b.listeners);
    this.onIdleClose = b.onIdleClose;
    this.lastUsedMillis = clock.millis();
  }

  /**
   * Starts building a cache around {@code source}.
   *
   * @param source where tokens come from
   * @return a builder with the defaults
   */
  public static TokenCacheBuilder builder(TokenSource source) {
    return new TokenCacheBuilder(source);
  }

  @Override
  public Token fetch() throws TokenException {
    Entry e = entry;
    if (e != null) {
      Instant now = clock.instant();
      touch(now);
      if (now.isBefore(e.usableUntil)) {
        if (!now.isBefore(e.refreshAt)) {
          refreshIfDue(now); // the timer should have done it; never wait for it here
        }
        return e.token;
      }
    }
    touch(clock.instant());
    return awaitToken();
  }

  /** Records a use, writing the shared field only when it moved on by a second (the hit path stays write-free). */
  private void touch(Instant now) {
    long ms = now.toEpochMilli();
    if (ms - lastUsedMillis >= TOUCH_GRANULARITY_MILLIS) {
      lastUsedMillis = ms;
    }
  }

  /** When {@link #fetch()} was last called (to the second), for least-recently-used eviction. */
  long lastUsedMillis() {
    return lastUsedMillis;
  }

  /**
   * True once {@link #close()} ran: no more background refreshes (a fetch still answers, without refreshing).
   *
   * @return whether the cache is closed
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Adds a listener for this cache's events (a pool that soft-evicts when a token is invalidated).
   *
   * @param listener receives the events
   */
  public void addListener(TokenListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener));
  }

  /**
   * Removes a listener added with {@link #addListener}; pass the same instance.
   *
   * @param listener the listener to remove
   */
  public void removeListener(TokenListener listener) {
    listeners.remove(listener);
  }

  /**
   * The token currently served, if any and still usable; never calls the token source.
   *
   * @return the usable token; empty when none is
   */
  public Optional<Token> current() {
    Entry e = entry;
    return e != null && clock.instant().isBefore(e.usableUntil) ? Optional.of(e.token) : Optional.empty();
  }

  /**
   * The last failure of the token source, cleared by the next success.
   *
   * @return the last failure; empty after a success
   */
  public synchronized Optional<TokenException> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * The name of this cache in logs and events (provider and user; never a secret).
   *
   * @return the label
   */
  public String label() {
    return label;
  }

  /**
   * How long before its expiry a token stops being served.
   *
   * @return the skew
   */
  public Duration clockSkew() {
    return clockSkew;
  }

  private Token awaitToken() throws TokenException {
    CompletableFuture<Token> flight;
    List<TokenEvent> events = new ArrayList<>(1);
    synchronized (this) {
      Instant now = clock.instant();
      Entry e = entry;
      if (e != null && now.isBefore(e.usableUntil)) {
        return e.token;
      }
      if (e != null && e.token != expiryReported) {
        expiryReported = e.token;
        events.add(event(TokenEvent.Type.EXPIRED, now, e.token, null, Duration.ZERO));
      }
      if (inflight != null) {
        flight = inflight;
      } else if (lastError != null && nextAttemptAt != null && now.isBefore(nextAttemptAt)) {
        emit(events);
        throw failFast(now);
      } else {
        flight = startLoad();
      }
    }
    emit(events);
    return await(flight);
  }

  private TokenException failFast(Instant now) {
    return new TokenException(lastError.kind(), "no valid token, and the token source has failed " + failures
        + (failures == 1 ? " time" : " times") + "; next attempt in "
        + Durations.format(Duration.between(now, nextAttemptAt)) + ". Last error: " + lastError.getMessage(),
        lastError);
  }

  private Token await(CompletableFuture<Token> flight) throws TokenException {
    try {
      return flight.get(fetchTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      TokenException last = lastError().orElse(null);
      throw TokenException.unavailable("no token within jwt.fetchTimeout=" + Durations.format(fetchTimeout)
          + "; the token source has not answered yet" + (last == null ? "" : ". Last error: " + last.getMessage()),
          last);
    } catch (ExecutionException e) {
      TokenException cause = e.getCause() instanceof TokenException t ? t
          : TokenException.unavailable("the token source failed", e.getCause());
      // a new exception, so the caller's stack shows where it waited
      throw new TokenException(cause.kind(), cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenException.unavailable("interrupted while waiting for a token", e);
    }
  }

  private void refreshIfDue(Instant now) {
    Instant next = nextAttemptAt;
    if (next != null && now.isBefore(next)) {
      return;
    }
    synchronized (this) {
      if (refreshDue(now)) {
        startLoad();
      }
    }
  }

  /**
   * True when the current token's refresh time has come, no load is under way and no backoff holds it back. Checked
   * under the lock, so a caller or timer that read an entry just replaced by a refresh does not refresh again.
   */
  // guarded by this
  private boolean refreshDue(Instant now) {
    Entry e = entry;
    Instant next = nextAttemptAt;
    return inflight == null && !closed && e != null && !now.isBefore(e.refreshAt)
        && (next == null || !now.isBefore(next));
  }

  /** Called by the timer. */
  private void scheduledRefresh() {
    boolean idle;
    synchronized (this) {
      scheduled = null;
      idle = idle(clock.instant());
      if (!idle) {
        refreshOrWait();
      }
    }
    if (idle) {
      closeIdle();
    }
  }

  /**
   * True when this cache closes on idleness and nobody asked it for a token for the current token's lifetime (at
   * least {@link #MIN_REFRESH_DELAY}): refreshing it would only load the identity provider.
   */
  // guarded by this
  private boolean idle(Instant now) {
    Entry e = entry;
    if (onIdleClose == null || closed || e == null) {
      return false;
    }
    Duration unused = Duration.ofMillis(now.toEpochMilli() - lastUsedMillis);
    Duration lifetime = e.lifetime.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : e.lifetime;
    return unused.compareTo(lifetime) >= 0;
  }

  private void closeIdle() {
    LOG.log(Level.DEBUG, "jdbc-jwt: token cache for {0} unused for a token lifetime: closed, no more refreshes",
        label);
    try {
      onIdleClose.run(); // first, so that a registry hands out a fresh cache from now on
    } catch (RuntimeException ignored) {
      // the registry's bookkeeping must not break the timer thread
    }
    close();
  }

  // guarded by this
  private void refreshOrWait() {
    Instant now = clock.instant();
    Entry e = entry;
    if (refreshDue(now)) {
      startLoad();
    } else if (inflight == null && !closed && e != null && !e.refreshAt.equals(Instant.MAX)) {
      // the timer fired a little before the wall clock got there: wait for the rest
      Instant next = nextAttemptAt;
      Instant due = next != null && next.isAfter(e.refreshAt) ? next : e.refreshAt;
      if (due.isAfter(now)) {
        reschedule(Duration.between(now, due));
      }
    }
  }

  // guarded by this
  private CompletableFuture<Token> startLoad() {
    CompletableFuture<Token> flight = new CompletableFuture<>();
    inflight = flight;
    try {
      executor.execute(() -> load(flight));
    } catch (RejectedExecutionException e) {
      inflight = null;
      flight.completeExceptionally(TokenException.unavailable("the token refresh executor is shut down", e));
    }
    return flight;
  }

  private void load(CompletableFuture<Token> flight) {
    Instant start = clock.instant();
    Token token = null;
    TokenException error = null;
    try {
      token = source.fetch();
      Instant at = clock.instant();
      if (token.isExpired(at, Duration.ZERO)) {
        error = TokenException.unavailable("the token source gave a token that had already expired at "
            + token.expiresAt() + "; check the clocks of this machine and of the token's issuer, and the lifetime "
            + "the issuer gives its tokens", null);
      } else if (token.isExpired(at, clockSkew)) {
        error = TokenException.unavailable("the token source gave a token expiring at " + token.expiresAt()
            + ", within jwt.clockSkew=" + Durations.format(clockSkew) + "; its tokens live too short for this skew",
            null);
      }
    } catch (TokenException e) {
      error = e;
    } catch (RuntimeException e) {
      error = TokenException.unavailable("the token source failed unexpectedly (" + e.getClass().getSimpleName()
          + ")", e);
    }
    Instant now = clock.instant();
    Duration latency = Duration.between(start, now);
    List<TokenEvent> events = new ArrayList<>(1);
    try {
      synchronized (this) {
        inflight = null;
        if (error == null) {
          succeeded(token, now, latency, events);
        } else {
          failed(error, now, latency, events);
        }
      }
      emit(events);
    } finally {
      // whatever happened above (a scheduler that throws), callers waiting for this flight get their answer now
      if (error == null) {
        flight.complete(token);
      } else {
        flight.completeExceptionally(error);
      }
    }
  }

  // guarded by this
  private void succeeded(Token token, Instant now, Duration latency, List<TokenEvent> events) {
    Entry old = entry;
    boolean refresh = old != null && now.isBefore(old.usableUntil);
    if (failures > 0) {
      LOG.log(Level.INFO, "jdbc-jwt: token source for {0} recovered after {1} failed attempt(s)", label, failures);
    }
    failures = 0;
    lastError = null;
    nextAttemptAt = null;
    Instant usableUntil = token.hasKnownExpiry() ? token.expiresAt().minus(clockSkew) : Instant.MAX;
    Instant refreshAt = Instant.MAX;
    if (token.hasKnownExpiry()) {
      Duration usable = Duration.between(token.issuedAt().filter(i -> i.isBefore(now)).orElse(now), usableUntil);
      Duration ahead = refreshAhead.aheadOf(usable);
      Instant due = usableUntil.minus(ahead);
      // jitter: at most a tenth of the ahead time, 30 s, and never past now
      long jitterMax = Math.max(0, Math.min(Math.min(ahead.toMillis() / 10, 30_000),
          Duration.between(now, due).toMillis()));
      refreshAt = due.minusMillis(Math.round(jitterMax * random.getAsDouble()));
      if (!refreshAt.isAfter(now)) {
        // Obtained already inside its refresh window (a token file read late in its life, refreshAhead near 100%):
        // refreshing at once would fetch the same token in a loop. Try again after half of what is left, at least
        // MIN_REFRESH_DELAY later.
        Duration half = Duration.between(now, usableUntil).dividedBy(2);
        refreshAt = now.plus(half.compareTo(MIN_REFRESH_DELAY) > 0 ? half : MIN_REFRESH_DELAY);
      }
    }
    Duration lifetime = token.hasKnownExpiry()
        ? Duration.between(token.issuedAt().filter(i -> i.isBefore(now)).orElse(now), token.expiresAt())
        : Duration.ofSeconds(Long.MAX_VALUE);
    entry = new Entry(token, usableUntil, refreshAt, lifetime);
    reschedule(refreshAt.equals(Instant.MAX) ? null : Duration.between(now, refreshAt));
    events.add(event(refresh ? TokenEvent.Type.REFRESHED : TokenEvent.Type.FETCHED, now, token, null, latency));
  }

  // guarded by this
  private void failed(TokenException error, Instant now, Duration latency, List<TokenEvent> events) {
    failures++;
    lastError = error;
    Duration delay = backoff.delayAfter(failures, random);
    Entry e = entry;
    boolean serving = e != null && now.isBefore(e.usableUntil);
    if (serving) {
      // try again at least once more before the current token becomes unusable
      Duration half = Duration.between(now, e.usableUntil).dividedBy(2);
      if (half.compareTo(delay) < 0) {
        delay = half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
      }
    } else if (delay.compareTo(NO_TOKEN_RETRY_CAP) > 0) {
      delay = NO_TOKEN_RETRY_CAP;
    }
    nextAttemptAt = now.plus(delay);
    reschedule(serving ? delay : null);
    LOG.log(Level.WARNING, "jdbc-jwt: getting a token for {0} failed (attempt {1}); {2}; next attempt in {3}: {4}",
        label, failures, serving ? "still serving the current token, usable for "
            + Durations.format(Duration.between(now, e.usableUntil)) : "no valid token to serve",
        Durations.format(delay), error.getMessage());
    TokenEvent ev = new TokenEvent(TokenEvent.Type.REFRESH_FAILED, label, now,
        serving ? Optional.of(e.token) : Optional.empty(), Optional.of(error), failures, delay, latency);
    events.add(ev);
  }

  // guarded by this
  private void reschedule(Duration delay) {
    if (scheduled != null) {
      scheduled.cancel();
      scheduled = null;
    }
    if (delay != null && !closed) {
      scheduled = scheduler.schedule(this::scheduledRefresh, delay);
    }
  }

  /**
   * Drops {@code refused} if it is still the current token (the database refused it: revoked, key rotated), so the
   * next {@link #fetch()} gets a fresh one at once. Refusals share the retry backoff: after one that dropped a token,
   * the next is honoured only once the backoff delay has passed (1 s, doubling up to the maximum retry delay);
   * before that the refused token stays and {@code false} is returned, so the caller gets the same token again
   * instead of a fresh one from the identity provider. A streak of refusals ends when none came for the maximum
   * retry delay.
   *
   * @return true if the token was dropped
   * @param refused the token the database refused
   */
  public boolean invalidate(Token refused) {
    TokenEvent ev;
    synchronized (this) {
      Entry e = entry;
      if (e == null || e.token != refused) {
        return false;
      }
      Instant now = clock.instant();
      if (!refusalMayRefetch(now)) {
        return false;
      }
      entry = null;
      failures = 0;
      lastError = null;
      nextAttemptAt = null;
      reschedule(null);
      ev = event(TokenEvent.Type.INVALIDATED, now, refused, null, Duration.ZERO);
    }
    emit(List.of(ev));
    return true;
  }

  /** Counts a refusal; true when it may drop the token (the first of a streak, or one past the backoff step). */
  // guarded by this
  private boolean refusalMayRefetch(Instant now) {
    if (lastRefusalAt != null && !now.isBefore(lastRefusalAt.plus(backoff.max()))) {
      refusals = 0; // quiet for the longest retry delay: a new streak
    }
    lastRefusalAt = now;
    if (refusals > 0 && nextRefusalRefetchAt != null && now.isBefore(nextRefusalRefetchAt)) {
      LOG.log(Level.DEBUG, "jdbc-jwt: the database refused the token for {0} again; no fresh token before {1} "
          + "(refusal {2} in a row)", label, nextRefusalRefetchAt, refusals + 1);
      return false;
    }
    refusals++;
    nextRefusalRefetchAt = now.plus(backoff.delayAfter(refusals, random));
    return true;
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      reschedule(null);
    }
    source.close();
  }

  private TokenEvent event(TokenEvent.Type type, Instant at, Token token, TokenException error, Duration latency) {
    return new TokenEvent(type, label, at, Optional.ofNullable(token), Optional.ofNullable(error), failures,
        Duration.ZERO, latency);
  }

  private void emit(List<TokenEvent> events) {
    for (TokenEvent ev : events) {
      for (TokenListener l : listeners) {
        try {
          l.onEvent(ev);
        } catch (RuntimeException ignored) {
          // a listener must not break the cache
        }
      }
    }
  }

  @Override
  public String toString() {
    return "TokenCache[" + label + "]";
  }
}
