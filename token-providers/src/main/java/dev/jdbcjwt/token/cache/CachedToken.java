package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;

import java.time.Duration;
import java.time.Instant;

/**
 * A token with the instants the cache derives from it when it arrives ({@link RefreshSchedule#plan}), swapped
 * atomically.
 *
 * @param token the token served
 * @param usableUntil its expiry less the clock skew ({@link Instant#MAX} for a token without known expiry)
 * @param refreshAt when the background refresh is due ({@link Instant#MAX}: never)
 * @param lifetime from its issue (or arrival, if later) to its expiry: how long unused makes a cache idle
 * @param arrival how it arrived, to plan it again for a higher demand
 * @param usableLifetimeMillis from its issue (or arrival) to {@code usableUntil}: what a share of it is a share of
 * @param capMillis the largest minimum remaining life honoured for it ({@link MinTokenLife#cap})
 * @param plannedMillis the minimum remaining life its refresh time was planned for
 * @param askedMillis the largest minimum remaining life asked while it was served, as far as recorded
 */
record CachedToken(Token token, Instant usableUntil, Instant refreshAt, Duration lifetime,
    RefreshSchedule.Arrival arrival, long usableLifetimeMillis, long capMillis, long plannedMillis,
    long askedMillis) {

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

  /** The minimum remaining life that {@code minimum} asks of this token, before the cap. */
  long minimumMillis(MinTokenLife minimum) {
    return minimum.millisOf(usableLifetimeMillis);
  }

  /** True when, at {@code now}, it has the minimum remaining life {@code askedMillis} (as capped) left. */
  boolean lastsAt(Instant now, long askedMillis) {
    long need = Math.min(askedMillis, capMillis);
    return need == 0 || need <= usableUntil.toEpochMilli() - now.toEpochMilli();
  }

  /** This entry having seen a minimum of {@code millis} asked. */
  CachedToken asked(long millis) {
    return millis <= askedMillis ? this : new CachedToken(token, usableUntil, refreshAt, lifetime, arrival,
        usableLifetimeMillis, capMillis, plannedMillis, millis);
  }
}
