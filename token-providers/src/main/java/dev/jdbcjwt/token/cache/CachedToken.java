package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;

import java.time.Duration;
import java.time.Instant;

/**
 * A token with the instants the cache derives from it once, when it arrives ({@link RefreshSchedule#plan}), and swaps
 * atomically.
 *
 * @param token the token served
 * @param usableUntil its expiry less the clock skew ({@link Instant#MAX} for a token without known expiry)
 * @param refreshAt when the background refresh is due ({@link Instant#MAX}: never)
 * @param lifetime from its issue (or arrival, if later) to its expiry: how long unused makes a cache idle
 */
record CachedToken(Token token, Instant usableUntil, Instant refreshAt, Duration lifetime) {

  /** True while the token may still be handed out. */
  boolean usableAt(Instant now) {
    return now.isBefore(usableUntil);
  }

  /** True once its refresh time has come. */
  boolean refreshDueAt(Instant now) {
    return !now.isBefore(refreshAt);
  }

  /** True when it is refreshed at some time (its expiry is known). */
  boolean refreshes() {
    return !refreshAt.equals(Instant.MAX);
  }
}
