package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;

import java.time.Duration;
import java.time.Instant;

/**
 * The token source's current run of failures: how many, the last error, and when the next attempt is due. Immutable,
 * so the cache swaps it in one volatile write and readers need no lock.
 *
 * @param failures consecutive failures (0: the source is healthy)
 * @param lastError the last failure, null when healthy
 * @param nextAttemptAt the soonest the source is asked again, null when healthy
 */
record Outage(int failures, TokenException lastError, Instant nextAttemptAt) {

  /** A healthy source. */
  static final Outage NONE = new Outage(0, null, null);

  /** One more failure, {@code error}, with the next attempt {@code delay} after {@code now}. */
  Outage failed(TokenException error, Instant now, Duration delay) {
    return new Outage(failures + 1, error, now.plus(delay));
  }

  /** True while the source is in backoff after a failure: no attempt before {@link #nextAttemptAt}. */
  boolean backingOff(Instant now) {
    return nextAttemptAt != null && now.isBefore(nextAttemptAt);
  }

  /** The error for a caller with no valid token while the source backs off. */
  TokenException failFast(Instant now) {
    return new TokenException(lastError.kind(), "no valid token, and the token source has failed " + failures
        + (failures == 1 ? " time" : " times") + "; next attempt in "
        + Durations.format(Duration.between(now, nextAttemptAt)) + ". Last error: " + lastError.getMessage(),
        lastError);
  }
}
