package dev.jdbcjwt.token.cache;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: attempt n waits {@code initial * 2^(n-1)}, at most {@code max}, then scaled
 * by a random factor in [1 - jitter, 1].
 */
record Backoff(Duration initial, Duration max, double jitter) {

  Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("the initial retry delay must be positive (got " + initial + ")");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the initial retry delay " + initial + " exceeds the maximum " + max);
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("the retry jitter must be in [0, 1) (got " + jitter + ")");
    }
  }

  /** The delay before attempt {@code failures + 1}, after {@code failures} consecutive failures (1 or more). */
  Duration delayAfter(int failures, DoubleSupplier random) {
    long base = initial.toMillis();
    long capped = max.toMillis();
    long delay = base;
    for (int i = 1; i < failures && delay < capped; i++) {
      delay *= 2;
    }
    delay = Math.min(delay, capped);
    return Duration.ofMillis(Math.round(delay * (1 - jitter * random.getAsDouble())));
  }
}
