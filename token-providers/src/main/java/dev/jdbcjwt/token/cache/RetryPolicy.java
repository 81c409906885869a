package dev.jdbcjwt.token.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before asking the token source again: pure arithmetic, no clock, no lock.
 *
 * <ul>
 *   <li>After a failure, capped exponential backoff with jitter ({@link Backoff}).</li>
 *   <li>While a valid token is still served, retry at least once every half of its remaining usable life (but not
 *       sooner than {@link #MIN_SERVING_RETRY}), so that several attempts come before it runs out.</li>
 *   <li>With no valid token left, connections fail until the source answers, so retry at least every
 *       {@link #NO_TOKEN_RETRY_CAP}: the outage ends for the application within that long of the recovery.</li>
 *   <li>Database refusals share the backoff ({@link RefusalStreak}); a streak ends after {@link Backoff#max()}
 *       without one.</li>
 * </ul>
 */
final class RetryPolicy {

  /** With no valid token left, the longest wait between attempts. */
  static final Duration NO_TOKEN_RETRY_CAP = Duration.ofSeconds(2);
  /** While a token is served, the shortest wait that "half of what remains" may shrink to. */
  static final Duration MIN_SERVING_RETRY = Duration.ofSeconds(1);

  private final Backoff backoff;

  RetryPolicy(Backoff backoff) {
    this.backoff = backoff;
  }

  Backoff backoff() {
    return backoff;
  }

  /**
   * The wait after {@code failures} consecutive failures (1 or more) at {@code now}, while a token usable until
   * {@code usableUntil} is served, or with none ({@code usableUntil} null or not after {@code now}).
   */
  Duration afterFailure(int failures, Instant now, Instant usableUntil, DoubleSupplier random) {
    Duration delay = backoff.delayAfter(failures, random);
    if (usableUntil == null || !now.isBefore(usableUntil)) {
      return delay.compareTo(NO_TOKEN_RETRY_CAP) > 0 ? NO_TOKEN_RETRY_CAP : delay;
    }
    Duration half = Duration.between(now, usableUntil).dividedBy(2);
    if (half.compareTo(delay) >= 0) {
      return delay;
    }
    return half.compareTo(MIN_SERVING_RETRY) < 0 ? MIN_SERVING_RETRY : half;
  }

  /** The refusal streak after one more refusal at {@code now}; its {@code refetch()} says whether it may. */
  RefusalStreak afterRefusal(RefusalStreak streak, Instant now, DoubleSupplier random) {
    return streak.next(now, backoff, random);
  }
}
