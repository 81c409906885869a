package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;

/**
 * The state and the lock behind a {@link TokenCache}: the current token, the outage, the refusal streak, the demand,
 * and the one timer; everything that happens under the lock (loads ending, timers firing, connects that must wait,
 * invalidations). {@link TokenCache} is its public face and the lock-free hit path.
 */
final class RefreshingCache {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");

  private final TokenSource source;
  final String label;
  final Clock clock;
  private final RefreshTimer timer;
  private final Duration fetchTimeout;
  final RefreshSchedule schedule;
  private final RetryPolicy retry;
  private final DoubleSupplier random;
  final Listeners listeners;
  final Idleness idleness;
  private final SingleFlight flights;
  private final Demand demand = new Demand(); // guarded by this

  private volatile CachedToken entry;
  private volatile Outage outage = Outage.NONE; // written under this
  private volatile boolean closed; // written under this; read without it by registries
  // guarded by this
  private Token expiryReported;
  private RefusalStreak refusals = RefusalStreak.NONE;

  RefreshingCache(TokenCacheBuilder b, RefreshSchedule schedule, RetryPolicy retry) {
    this.source = b.source;
    this.label = b.label;
    this.clock = b.clock;
    this.timer = new RefreshTimer(b.scheduler, this::scheduledRefresh);
    this.fetchTimeout = b.fetchTimeout;
    this.schedule = schedule;
    this.retry = retry;
    this.random = b.random;
    this.listeners = new Listeners(b.listeners);
    this.idleness = new Idleness(b.onIdleClose, clock.instant());
    this.flights = new SingleFlight(new UsableTokenCheck(source, clock, schedule.clockSkew()), b.executor, clock,
        this::loaded);
  }

  /** The current entry (one volatile read), possibly past its usable time. */
  CachedToken entry() {
    return entry;
  }

  Outage outage() {
    return outage;
  }

  boolean closed() {
    return closed;
  }

  /** The connect path with no usable token: wait for the flight, or fail fast in the backoff. */
  Token awaitToken() throws TokenException {
    CompletableFuture<Token> flight;
    List<TokenEvent> events = new ArrayList<>(1);
    synchronized (this) {
      Instant now = clock.instant();
      CachedToken e = entry;
      if (e != null && e.usableAt(now)) {
        return e.token();
      }
      if (e != null && e.token() != expiryReported) {
        expiryReported = e.token();
        events.add(event(TokenEvent.Type.EXPIRED, now, e.token(), Duration.ZERO));
      }
      if (outage.backingOff(now)) { // a flight still open here is the one that just failed
        listeners.emit(events);
        throw outage.failFast(now);
      }
      flight = flights.joinOrStart();
    }
    listeners.emit(events);
    return SingleFlight.await(flight, fetchTimeout, Optional.ofNullable(outage.lastError()));
  }

  /** The current token if it has {@code asked} left, after recording that demand; else a fresher one if one comes. */
  Token fresher(long asked) throws TokenException {
    CompletableFuture<Token> flight = null;
    CachedToken e;
    synchronized (this) {
      Instant now = clock.instant();
      e = entry;
      if (e != null && e.usableAt(now)) {
        entry = demand.record(e, asked, schedule);
        CompletableFuture<Token> started = entry.refreshAt().isBefore(e.refreshAt()) ? replanned(now) : null;
        e = entry; // the fresh token, if the refresh just started already ended (a same-thread executor)
        if (e.usableAt(now) && !e.lastsAt(now, asked)) {
          flight = started != null ? started : outage.backingOff(now) || closed ? null : flights.joinOrStart();
        }
      }
    }
    if (e == null || !e.usableAt(clock.instant())) {
      return awaitToken();
    }
    if (flight == null) {
      return e.lastsAt(clock.instant(), asked) ? e.token() : servedShort(e, null);
    }
    try {
      return SingleFlight.await(flight, fetchTimeout, Optional.ofNullable(outage.lastError()));
    } catch (TokenException error) {
      if (!e.usableAt(clock.instant())) {
        throw error;
      }
      return servedShort(e, error);
    }
  }

  /** {@code e}, short of what a connect asked, after the refresh failed ({@code error}) or was not tried (null). */
  private Token servedShort(CachedToken e, TokenException error) {
    Optional<TokenEvent> ev;
    synchronized (this) {
      ev = demand.servedShort(e, label, clock.instant(), error, outage.failures());
    }
    ev.ifPresent(event -> listeners.emit(List.of(event)));
    return e.token();
  }

  /** The current entry's refresh moved earlier for a higher demand: the refresh started now, or null (timer set). */
  // guarded by this
  private CompletableFuture<Token> replanned(Instant now) {
    if (refreshDue(now)) {
      return flights.joinOrStart();
    }
    if (!flights.inFlight() && outage.failures() == 0 && !closed) {
      reschedule(Duration.between(now, entry.refreshAt()));
    }
    return null;
  }

  /** Starts the refresh the timer should have started, unless it is under way or held back; never waits. */
  void refreshIfDue(Instant now) {
    if (outage.backingOff(now)) {
      return;
    }
    synchronized (this) {
      if (refreshDue(now)) {
        flights.joinOrStart();
      }
    }
  }

  /**
   * True when the current token's refresh time has come, no load is under way and no backoff holds it back. Checked
   * under the lock, so a caller or timer that read an entry just replaced by a refresh does not refresh again.
   */
  // guarded by this
  private boolean refreshDue(Instant now) {
    CachedToken e = entry;
    return !flights.inFlight() && !closed && e != null && e.refreshDueAt(now) && !outage.backingOff(now);
  }

  /** Called by the timer: refresh, wait a little longer, or close if nobody used this cache for a lifetime. */
  private void scheduledRefresh() {
    boolean idle;
    synchronized (this) {
      timer.fired();
      idle = !closed && idleness.idle(clock.instant(), entry);
      if (!idle) {
        refreshOrWait();
      }
    }
    if (idle) {
      idleness.closing(label);
      close();
    }
  }

  // guarded by this
  private void refreshOrWait() {
    Instant now = clock.instant();
    CachedToken e = entry;
    if (refreshDue(now)) {
      flights.joinOrStart();
    } else if (!flights.inFlight() && !closed && e != null && e.refreshes()) {
      // the timer fired a little before the wall clock got there: wait for the rest
      Instant next = outage.nextAttemptAt();
      Instant due = next != null && next.isAfter(e.refreshAt()) ? next : e.refreshAt();
      if (due.isAfter(now)) {
        reschedule(Duration.between(now, due));
      }
    }
  }

  /** The end of a token source call ({@link SingleFlight.Outcome}). */
  private void loaded(Token token, TokenException error, Duration latency) {
    List<TokenEvent> events = new ArrayList<>(1);
    synchronized (this) {
      Instant now = clock.instant();
      if (error == null) {
        succeeded(token, now, latency, events);
      } else {
        failed(error, now, latency, events);
      }
    }
    listeners.emit(events);
  }

  // guarded by this
  private void succeeded(Token token, Instant now, Duration latency, List<TokenEvent> events) {
    CachedToken old = entry;
    boolean refresh = old != null && old.usableAt(now);
    boolean onSchedule = refresh && outage.failures() == 0; // else spread: first, after an outage or invalidation
    outage.logRecovery(label);
    outage = Outage.NONE;
    demand.nextToken();
    CachedToken e = schedule.plan(token, new RefreshSchedule.Arrival(now, random.getAsDouble(), !onSchedule),
        demand.recentMillis());
    entry = e;
    reschedule(e.refreshes() ? Duration.between(now, e.refreshAt()) : null);
    events.add(event(refresh ? TokenEvent.Type.REFRESHED : TokenEvent.Type.FETCHED, now, token, latency));
  }

  // guarded by this
  private void failed(TokenException error, Instant now, Duration latency, List<TokenEvent> events) {
    CachedToken e = entry;
    boolean serving = e != null && e.usableAt(now);
    Duration delay = retry.afterFailure(outage.failures() + 1, now, serving ? e.usableUntil() : null, random);
    outage = outage.failed(error, now, delay);
    reschedule(serving ? delay : null);
    outage.logFailure(label, serving ? Duration.between(now, e.usableUntil()) : null, delay);
    events.add(new TokenEvent(TokenEvent.Type.REFRESH_FAILED, label, now,
        serving ? Optional.of(e.token()) : Optional.empty(), Optional.of(error), outage.failures(), delay, latency));
  }

  // guarded by this
  private void reschedule(Duration delay) {
    timer.set(closed ? null : delay);
  }

  /** See {@link TokenCache#invalidate}. */
  boolean invalidate(Token refused) {
    TokenEvent ev;
    synchronized (this) {
      CachedToken e = entry;
      if (e == null || e.token() != refused) {
        return false;
      }
      Instant now = clock.instant();
      refusals = retry.afterRefusal(refusals, now, random);
      if (!refusals.refetch()) {
        LOG.log(Level.DEBUG, "jdbc-jwt: the database refused the token for {0} again; no fresh token before {1} "
            + "(refusal {2} in a row)", label, refusals.nextRefetchAt(), refusals.refusals() + 1);
        return false;
      }
      entry = null;
      outage = Outage.NONE;
      reschedule(null);
      ev = event(TokenEvent.Type.INVALIDATED, now, refused, Duration.ZERO);
    }
    listeners.emit(List.of(ev));
    return true;
  }

  /** Stops the background refreshes and closes the source. */
  void close() {
    synchronized (this) {
      closed = true;
      reschedule(null);
    }
    source.close();
  }

  private TokenEvent event(TokenEvent.Type type, Instant at, Token token, Duration latency) {
    return new TokenEvent(type, label, at, Optional.ofNullable(token), Optional.empty(), outage.failures(),
        Duration.ZERO, latency);
  }
}
