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
import java.util.function.DoubleSupplier;

/**
 * A refresh-ahead token cache: the connection path reads the current token (one volatile read and a clock
 * comparison) and never waits for the identity provider once warm.
 *
 * <ul>
 *   <li>One background refresh runs when {@code refreshAhead} of the token's usable life remains (less a small jitter);
 *       callers keep getting the current token meanwhile. At most one call to the token source is under way.</li>
 *   <li>A failed refresh keeps the current token while it is valid ({@code exp} minus the clock skew) and is retried
 *       with capped exponential backoff and jitter, each failure reported once. With no valid token, callers wait at
 *       most {@code fetchTimeout} for the call in flight, and during the backoff fail at once with the last error.</li>
 *   <li>{@link #invalidate(Token)} drops a token the database refused; further refusals share the retry backoff, so a
 *       database that refuses every login cannot make the cache hammer the identity provider.</li>
 *   <li>Built with {@link TokenCacheBuilder#closeWhenIdle}, a cache nobody asked for a token for about one token
 *       lifetime stops refreshing and closes itself when its next refresh is due.</li>
 * </ul>
 * It is the top of a stack of small parts that {@link TokenCacheBuilder} assembles: the source, wrapped so that an
 * unusable token counts as a failure ({@link UsableTokenCheck}), called through {@link SingleFlight}; when to refresh
 * comes from {@link RefreshSchedule}, how long to wait after a failure or a refusal from {@link RetryPolicy} (both pure
 * arithmetic); what happens is reported as {@link TokenEvent}s. This class holds the state and the timer. Time,
 * scheduler, executor and randomness are injectable ({@link Timekeeper}).
 */
public final class TokenCache implements TokenSource {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");

  private final TokenSource source;
  private final String label;
  private final Clock clock;
  private final RefreshTimer timer;
  private final Duration fetchTimeout;
  private final RefreshSchedule schedule;
  private final RetryPolicy retry;
  private final DoubleSupplier random;
  private final Listeners listeners;
  private final Idleness idleness;
  private final SingleFlight flights;
  private final Demand demand = new Demand(); // guarded by this

  private volatile CachedToken entry;
  private volatile Outage outage = Outage.NONE; // written under this
  private volatile boolean closed; // written under this; read without it by registries
  // guarded by this
  private Token expiryReported;
  private RefusalStreak refusals = RefusalStreak.NONE;

  TokenCache(TokenCacheBuilder b, RefreshSchedule schedule, RetryPolicy retry) {
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

  /**
   * Starts building a cache around {@code source}.
   *
   * @param source where tokens come from
   * @return a builder with the defaults
   */
  public static TokenCacheBuilder builder(TokenSource source) {
    return new TokenCacheBuilder(source);
  }

  /** A usable token, whatever its remaining life: {@link #fetch(MinTokenLife) fetch(MinTokenLife.NONE)}. */
  @Override
  public Token fetch() throws TokenException {
    return fetch(MinTokenLife.NONE);
  }

  /**
   * As {@link #fetch(MinTokenLife)} with a minimum of {@code minRemaining} (a pool's {@code maxLifetime}, say).
   *
   * @param minRemaining the usable life a new connection's token should have left (zero: any usable token)
   * @return the token
   * @throws TokenException when no usable token can be had
   */
  public Token fetch(Duration minRemaining) throws TokenException {
    return fetch(MinTokenLife.of(minRemaining));
  }

  /**
   * A token for a new connection, with at least {@code minimum} of usable life left ({@code jwt.minTokenLife}),
   * capped at {@link MinTokenLife#cap} for the token's lifetime. The cache remembers the largest minimum asked while
   * its current and previous tokens were served, and moves its background refresh early enough that the current token
   * is replaced before it drops below it: in steady state this returns at once, like {@link #fetch()}. When the
   * current token has less left (the first time a minimum is asked, or after a failed refresh), it waits for the
   * refresh, at most {@code fetchTimeout}; if the refresh fails or times out, or the token source is backing off after
   * a failure (then without waiting), it returns the current token, still usable, and reports
   * {@link TokenEvent.Type#SERVED_SHORT} once per token (and logs it at DEBUG). With no usable token it behaves as
   * {@link #fetch()}.
   *
   * @param minimum the usable life a new connection's token should have left
   * @return the token
   * @throws TokenException when no usable token can be had
   */
  public Token fetch(MinTokenLife minimum) throws TokenException {
    CachedToken e = entry;
    Instant now = clock.instant();
    idleness.touch(now);
    if (e != null && e.usableAt(now)) {
      if (e.refreshDueAt(now)) {
        refreshIfDue(now); // the timer should have done it; never wait for it here
      }
      long asked = e.minimumMillis(minimum);
      return asked <= e.askedMillis() && e.lastsAt(now, asked) ? e.token() : fresher(asked);
    }
    return awaitToken();
  }

  /** When {@link #fetch()} was last called (to the second), for least-recently-used eviction. */
  long lastUsedMillis() {
    return idleness.lastUsedMillis();
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
    listeners.add(listener);
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
    CachedToken e = entry;
    return e != null && e.usableAt(clock.instant()) ? Optional.of(e.token()) : Optional.empty();
  }

  /**
   * The last failure of the token source, cleared by the next success.
   *
   * @return the last failure; empty after a success
   */
  public Optional<TokenException> lastError() {
    return Optional.ofNullable(outage.lastError());
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
    return schedule.clockSkew();
  }

  private Token awaitToken() throws TokenException {
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
    return SingleFlight.await(flight, fetchTimeout, lastError());
  }

  /** The current token if it has {@code asked} left, after recording that demand; else a fresher one if one comes. */
  private Token fresher(long asked) throws TokenException {
    CompletableFuture<Token> flight = null;
    CachedToken e;
    synchronized (this) {
      Instant now = clock.instant();
      e = entry;
      if (e != null && e.usableAt(now)) {
        entry = demand.record(e, asked, schedule);
        if (entry.refreshAt().isBefore(e.refreshAt())) {
          replanned(now);
        }
        e = entry;
        if (e == null || !e.usableAt(now) || e.lastsAt(now, asked)) {
          flight = null;
        } else if (!outage.backingOff(now) && !closed) {
          flight = flights.joinOrStart();
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
      return SingleFlight.await(flight, fetchTimeout, lastError());
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

  /** The current entry's refresh moved earlier for a higher demand: refresh now, or set the timer. */
  // guarded by this
  private void replanned(Instant now) {
    if (refreshDue(now)) {
      flights.joinOrStart();
    } else if (!flights.inFlight() && outage.failures() == 0 && !closed) {
      reschedule(Duration.between(now, entry.refreshAt()));
    }
  }

  private void refreshIfDue(Instant now) {
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

  @Override
  public void close() {
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

  @Override
  public String toString() {
    return "TokenCache[" + label + "]";
  }
}
