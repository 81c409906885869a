package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;

import java.time.Duration;
import java.time.Instant;

/**
 * When a token is refreshed, and when a cache counts as idle: pure arithmetic on instants, no clock, no lock.
 *
 * <ul>
 *   <li>A token is usable until its expiry less the clock skew.</li>
 *   <li>Its refresh is due when the larger of {@link RefreshAhead} of its usable lifetime and the minimum remaining
 *       life that connects asked of the cache recently ({@link MinTokenLife}, honoured up to
 *       {@link MinTokenLife#cap}) remains.</li>
 *   <li>A jitter only ever moves the refresh earlier than that, and never to less than {@link #MIN_REFRESH_DELAY}
 *       after the token arrived. A token that arrived as an on-schedule refresh is refreshed at most a tenth of the
 *       ahead time and {@link #MAX_JITTER} early, so that the phase it has keeps. Any other token (a cache's first,
 *       the first after an outage or an invalidation) is <em>spread</em>: refreshed at a point drawn uniformly over
 *       the later half of the time until it is due, so that a fleet of caches that started, or recovered, together
 *       stops refreshing together within one lifetime. That first refresh comes at least half-way to the due
 *       time: it costs at most one extra token request at start or after a recovery.</li>
 *   <li>A token obtained already inside its refresh window (a token file read late in its life, a refresh-ahead near
 *       100%, or due less than {@link #MIN_REFRESH_DELAY} away) is refreshed after half of what is left, at least
 *       {@link #MIN_REFRESH_DELAY} later: refreshing at once would fetch the same token in a loop.</li>
 *   <li>A cache nobody asked for a token for one token lifetime (at least {@link #MIN_REFRESH_DELAY}) is idle.</li>
 * </ul>
 */
final class RefreshSchedule {

  /** The soonest a token is refreshed after it arrived (no back-to-back fetch loop). */
  static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);
  /** The largest jitter of an on-schedule refresh. */
  static final Duration MAX_JITTER = Duration.ofSeconds(30);

  private final Duration clockSkew;
  private final RefreshAhead refreshAhead;

  RefreshSchedule(Duration clockSkew, RefreshAhead refreshAhead) {
    this.clockSkew = clockSkew;
    this.refreshAhead = refreshAhead;
  }

  Duration clockSkew() {
    return clockSkew;
  }

  /** As {@link #plan(Token, Arrival, long)} for a token arriving on schedule, with no minimum asked of the cache. */
  CachedToken plan(Token token, Instant now, double random) {
    return plan(token, new Arrival(now, random, false), 0);
  }

  /**
   * The instants of {@code token}, which arrived as {@code arrival} says, while connects asked recently for tokens
   * with at least {@code demandMillis} of usable life left.
   */
  CachedToken plan(Token token, Arrival arrival, long demandMillis) {
    if (!token.hasKnownExpiry()) {
      return new CachedToken(token, Instant.MAX, Instant.MAX, Duration.ofSeconds(Long.MAX_VALUE), arrival,
          Long.MAX_VALUE, 0, demandMillis, 0);
    }
    Instant now = arrival.at();
    Instant issued = token.issuedAt().filter(i -> i.isBefore(now)).orElse(now);
    Instant usableUntil = token.expiresAt().minus(clockSkew);
    Duration lifetime = Duration.between(issued, token.expiresAt());
    Duration usableLifetime = Duration.between(issued, usableUntil);
    long cap = Math.min(MinTokenLife.cap(lifetime, clockSkew).toMillis(),
        Math.max(0, Duration.between(now, usableUntil).toMillis() / 2)); // a late token: half of what it had left
    Duration honoured = Duration.ofMillis(Math.min(cap, demandMillis));
    Duration ahead = refreshAhead.aheadOf(usableLifetime);
    Instant refreshAt = refreshAt(now, usableUntil, ahead.compareTo(honoured) >= 0 ? ahead : honoured,
        arrival.random(), arrival.spread());
    return new CachedToken(token, usableUntil, refreshAt, lifetime, arrival, usableLifetime.toMillis(), cap,
        demandMillis, 0);
  }

  /** {@code e} planned again for a higher demand, as when it arrived. */
  CachedToken replan(CachedToken e, long demandMillis) {
    return plan(e.token(), e.arrival(), demandMillis).asked(e.askedMillis());
  }

  /**
   * When to refresh a token usable until {@code usableUntil}, to be refreshed {@code ahead} of that; {@code random}
   * (uniform in [0, 1)) picks the jitter, {@code spread} says whether it is the wide one.
   */
  static Instant refreshAt(Instant now, Instant usableUntil, Duration ahead, double random, boolean spread) {
    Instant due = usableUntil.minus(ahead);
    long toDue = Duration.between(now, due).toMillis();
    long room = toDue - MIN_REFRESH_DELAY.toMillis();
    if (room < 0) {
      Duration half = Duration.between(now, usableUntil).dividedBy(2);
      return now.plus(half.compareTo(MIN_REFRESH_DELAY) > 0 ? half : MIN_REFRESH_DELAY);
    }
    long window = spread ? toDue / 2 : Math.min(ahead.toMillis() / 10, MAX_JITTER.toMillis());
    return due.minusMillis(Math.round(Math.min(window, room) * random));
  }

  /** True when a cache unused for {@code unused} serves tokens living {@code lifetime}: it would refresh in vain. */
  static boolean idle(Duration unused, Duration lifetime) {
    Duration atLeast = lifetime.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : lifetime;
    return unused.compareTo(atLeast) >= 0;
  }

  /**
   * How a token arrived, all its schedule depends on besides the token and the demand, so that a higher demand can
   * plan it again as it would have been planned.
   *
   * @param at when it arrived
   * @param random its draw, uniform in [0, 1)
   * @param spread whether it is spread (a first token, or the first after an outage or invalidation)
   */
  record Arrival(Instant at, double random, boolean spread) {
  }
}
