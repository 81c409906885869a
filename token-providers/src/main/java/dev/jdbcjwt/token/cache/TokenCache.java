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
 *   <li>{@link #invalidate(Token)} drops a token the database refused, so the next caller fetches a fresh one.</li>
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

  /** A token with the instants derived from it, swapped atomically. */
  private record Entry(Token token, Instant usableUntil, Instant refreshAt) {
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

  private volatile Entry entry;
  private volatile Instant nextAttemptAt;
  // guarded by this
  private CompletableFuture<Token> inflight;
  private int failures;
  private TokenException lastError;
  private Scheduler.Cancellable scheduled;
  private Token expiryReported;
  private boolean closed;

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
  }

  public static TokenCacheBuilder builder(TokenSource source) {
    return new TokenCacheBuilder(source);
  }

  @Override
  public Token fetch() throws TokenException {
    Entry e = entry;
    if (e != null) {
      Instant now = clock.instant();
      if (now.isBefore(e.usableUntil)) {
        if (!now.isBefore(e.refreshAt)) {
          refreshIfDue(now); // the timer should have done it; never wait for it here
        }
        return e.token;
      }
    }
    return awaitToken();
  }

  /** Adds a listener for this cache's events (a pool that soft-evicts when a token is invalidated). */
  public void addListener(TokenListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener));
  }

  public void removeListener(TokenListener listener) {
    listeners.remove(listener);
  }

  /** The token currently served, if any and still usable; never calls the token source. */
  public Optional<Token> current() {
    Entry e = entry;
    return e != null && clock.instant().isBefore(e.usableUntil) ? Optional.of(e.token) : Optional.empty();
  }

  /** The last failure of the token source, cleared by the next success. */
  public synchronized Optional<TokenException> lastError() {
    return Optional.ofNullable(lastError);
  }

  public String label() {
    return label;
  }

  /** How long before its expiry a token stops being served. */
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
    synchronized (this) {
      scheduled = null;
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
    entry = new Entry(token, usableUntil, refreshAt);
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
   * next {@link #fetch()} gets a fresh one at once.
   *
   * @return true if the token was dropped
   */
  public boolean invalidate(Token refused) {
    TokenEvent ev;
    synchronized (this) {
      Entry e = entry;
      if (e == null || e.token != refused) {
        return false;
      }
      entry = null;
      failures = 0;
      lastError = null;
      nextAttemptAt = null;
      reschedule(null);
      ev = event(TokenEvent.Type.INVALIDATED, clock.instant(), refused, null, Duration.ZERO);
    }
    emit(List.of(ev));
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
