package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
 * arithmetic); what happens is reported as {@link TokenEvent}s. This class is the lock-free hit path; the state, the
 * lock and the timer are in {@link RefreshingCache}. Time, scheduler, executor and randomness are injectable
 * ({@link Timekeeper}).
 */
public final class TokenCache implements TokenSource {

  private final RefreshingCache core;

  TokenCache(TokenCacheBuilder b, RefreshSchedule schedule, RetryPolicy retry) {
    this.core = new RefreshingCache(b, schedule, retry);
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
    CachedToken e = core.entry();
    Instant now = core.clock.instant();
    core.idleness.touch(now);
    if (e != null && e.usableAt(now)) {
      if (e.refreshDueAt(now)) {
        core.refreshIfDue(now); // the timer should have done it; never wait for it here
      }
      long asked = e.minimumMillis(minimum);
      return asked <= e.askedMillis() && e.lastsAt(now, asked) ? e.token() : core.fresher(asked);
    }
    return core.awaitToken();
  }

  /** When {@link #fetch()} was last called (to the second), for least-recently-used eviction. */
  long lastUsedMillis() {
    return core.idleness.lastUsedMillis();
  }

  /**
   * True once {@link #close()} ran: no more background refreshes (a fetch still answers, without refreshing).
   *
   * @return whether the cache is closed
   */
  public boolean isClosed() {
    return core.closed();
  }

  /**
   * Adds a listener for this cache's events (a pool that soft-evicts when a token is invalidated).
   *
   * @param listener receives the events
   */
  public void addListener(TokenListener listener) {
    core.listeners.add(listener);
  }

  /**
   * Removes a listener added with {@link #addListener}; pass the same instance.
   *
   * @param listener the listener to remove
   */
  public void removeListener(TokenListener listener) {
    core.listeners.remove(listener);
  }

  /**
   * The token currently served, if any and still usable; never calls the token source.
   *
   * @return the usable token; empty when none is
   */
  public Optional<Token> current() {
    CachedToken e = core.entry();
    return e != null && e.usableAt(core.clock.instant()) ? Optional.of(e.token()) : Optional.empty();
  }

  /**
   * The last failure of the token source, cleared by the next success.
   *
   * @return the last failure; empty after a success
   */
  public Optional<TokenException> lastError() {
    return Optional.ofNullable(core.outage().lastError());
  }

  /**
   * The name of this cache in logs and events (provider and user; never a secret).
   *
   * @return the label
   */
  public String label() {
    return core.label;
  }

  /**
   * How long before its expiry a token stops being served.
   *
   * @return the skew
   */
  public Duration clockSkew() {
    return core.schedule.clockSkew();
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
    return core.invalidate(refused);
  }

  @Override
  public void close() {
    core.close();
  }

  @Override
  public String toString() {
    return "TokenCache[" + core.label + "]";
  }
}
