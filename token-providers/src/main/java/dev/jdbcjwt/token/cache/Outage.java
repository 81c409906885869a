package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;

import java.lang.System.Logger.Level;
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

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");

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

  /** Logs, once, the failure that made this state: what is still served ({@code usableFor}, null: nothing). */
  void logFailure(String label, Duration usableFor, Duration delay) {
    LOG.log(Level.WARNING, "jdbc-jwt: getting a token for {0} failed (attempt {1}); {2}; next attempt in {3}: {4}",
        label, failures, usableFor != null ? "still serving the current token, usable for "
            + Durations.format(usableFor) : "no valid token to serve", Durations.format(delay), lastError.getMessage());
  }

  /** Logs the end of this outage, if it is one. */
  void logRecovery(String label) {
    if (failures > 0) {
      LOG.log(Level.INFO, "jdbc-jwt: token source for {0} recovered after {1} failed attempt(s)", label, failures);
    }
  }

  /** The error for a caller with no valid token while the source backs off. */
  TokenException failFast(Instant now) {
    return new TokenException(lastError.kind(), "no valid token, and the token source has failed " + failures
        + (failures == 1 ? " time" : " times") + "; next attempt in "
        + Durations.format(Duration.between(now, nextAttemptAt)) + ". Last error: " + lastError.getMessage(),
        lastError);
  }
}
