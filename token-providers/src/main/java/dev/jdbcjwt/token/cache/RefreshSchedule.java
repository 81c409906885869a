package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;

import java.time.Duration;
import java.time.Instant;

/**
 * When a token is refreshed, and when a cache counts as idle: pure arithmetic on instants, no clock, no lock.
 *
 * <ul>
 *   <li>A token is usable until its expiry less the clock skew.</li>
 *   <li>Its refresh is due when {@link RefreshAhead} of its usable lifetime remains, moved earlier by a jitter of at
 *       most a tenth of that ahead time, 30 s, and the time left before it is due.</li>
 *   <li>A token obtained already inside its refresh window (a token file read late in its life, a refresh-ahead near
 *       100%) is refreshed after half of what is left, at least {@link #MIN_REFRESH_DELAY} later: refreshing at once
 *       would fetch the same token in a loop.</li>
 *   <li>A cache nobody asked for a token for one token lifetime (at least {@link #MIN_REFRESH_DELAY}) is idle.</li>
 * </ul>
 */
final class RefreshSchedule {

  /** The soonest a token obtained inside its refresh window is refreshed again (no back-to-back fetch loop). */
  static final Duration MIN_REFRESH_DELAY = Duration.ofSeconds(1);
  /** The largest jitter. */
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

  /**
   * The instants of {@code token}, which arrived at {@code now}; {@code random} (uniform in [0, 1)) picks the
   * jitter.
   */
  CachedToken plan(Token token, Instant now, double random) {
    if (!token.hasKnownExpiry()) {
      return new CachedToken(token, Instant.MAX, Instant.MAX, Duration.ofSeconds(Long.MAX_VALUE));
    }
    Instant issued = token.issuedAt().filter(i -> i.isBefore(now)).orElse(now);
    Instant usableUntil = token.expiresAt().minus(clockSkew);
    Duration ahead = refreshAhead.aheadOf(Duration.between(issued, usableUntil));
    Instant refreshAt = refreshAt(now, usableUntil, ahead, random);
    return new CachedToken(token, usableUntil, refreshAt, Duration.between(issued, token.expiresAt()));
  }

  /** When to refresh a token usable until {@code usableUntil}, to be refreshed {@code ahead} of that. */
  static Instant refreshAt(Instant now, Instant usableUntil, Duration ahead, double random) {
    Instant due = usableUntil.minus(ahead);
    long jitterMax = Math.max(0, Math.min(Math.min(ahead.toMillis() / 10, MAX_JITTER.toMillis()),
        Duration.between(now, due).toMillis()));
    Instant refreshAt = due.minusMillis(Math.round(jitterMax * random));
    if (refreshAt.isAfter(now)) {
      return refreshAt;
    }
    Duration half = Duration.between(now, usableUntil).dividedBy(2);
    return now.plus(half.compareTo(MIN_REFRESH_DELAY) > 0 ? half : MIN_REFRESH_DELAY);
  }

  /** True when a cache unused for {@code unused} serves tokens living {@code lifetime}: it would refresh in vain. */
  static boolean idle(Duration unused, Duration lifetime) {
    Duration atLeast = lifetime.compareTo(MIN_REFRESH_DELAY) < 0 ? MIN_REFRESH_DELAY : lifetime;
    return unused.compareTo(atLeast) >= 0;
  }
}
