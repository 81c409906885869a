package dev.jdbcjwt.token.cache;

import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * Consecutive database refusals of a cache's tokens, so that refusals share the retry backoff: the first of a streak
 * may drop the token and fetch a fresh one, the next only once the backoff delay after it has passed (1 s, doubling
 * up to the maximum retry delay); a streak ends when none came for the maximum retry delay. Immutable: each refusal
 * gives the next state ({@link #next}).
 *
 * @param refusals the refusals of the streak that dropped a token
 * @param lastAt when the last refusal came (null before the first)
 * @param nextRefetchAt the soonest the next refusal may drop a token (null before the first)
 * @param refetch whether the refusal that made this state may drop the token
 */
record RefusalStreak(int refusals, Instant lastAt, Instant nextRefetchAt, boolean refetch) {

  /** No refusal yet. */
  static final RefusalStreak NONE = new RefusalStreak(0, null, null, false);

  /** The state after a refusal at {@code now}. */
  RefusalStreak next(Instant now, Backoff backoff, DoubleSupplier random) {
    int count = refusals;
    if (lastAt != null && !now.isBefore(lastAt.plus(backoff.max()))) {
      count = 0; // quiet for the longest retry delay: a new streak
    }
    if (count > 0 && nextRefetchAt != null && now.isBefore(nextRefetchAt)) {
      return new RefusalStreak(count, now, nextRefetchAt, false);
    }
    count++;
    return new RefusalStreak(count, now, now.plus(backoff.delayAfter(count, random)), true);
  }
}
