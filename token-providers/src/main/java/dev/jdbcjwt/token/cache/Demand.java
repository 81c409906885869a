package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The minimum remaining life that connects ask of a cache ({@link MinTokenLife}): the largest asked while the current
 * token is served and while the one before it was. A token is planned for that ({@link RefreshSchedule#plan}), so that
 * its background refresh comes before it drops below the minimum and connects do not wait; a minimum nobody asked for
 * two tokens is forgotten. Also reports, once per token, that a connect got a token with less than it asked because no
 * fresher one came. Not thread-safe: the cache calls it under its lock.
 */
final class Demand {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");

  private long current;
  private long previous;
  private Token shortReported;

  /** The minimum to plan a token for: the largest asked recently. */
  long recentMillis() {
    return Math.max(current, previous);
  }

  /** A new token arrived: what was asked of the old one becomes the previous token's demand. */
  void nextToken() {
    previous = current;
    current = 0;
  }

  /**
   * Records that {@code askedMillis} was asked of {@code e}; the entry to serve from now on: {@code e} marked as
   * having seen it, planned again when the demand grew past what it was planned for.
   */
  CachedToken record(CachedToken e, long askedMillis, RefreshSchedule schedule) {
    current = Math.max(current, askedMillis);
    CachedToken seen = e.asked(askedMillis);
    long recent = recentMillis();
    return recent > seen.plannedMillis() && seen.refreshes() ? schedule.replan(seen, recent) : seen;
  }

  /**
   * The event for a connect that asked {@code e} for more life than it has left and got it anyway, because the
   * refresh failed ({@code error}), timed out or is held back by the backoff; empty when this token was reported.
   */
  Optional<TokenEvent> servedShort(CachedToken e, String label, Instant now, TokenException error, int failures) {
    if (e.token() == shortReported) {
      return Optional.empty();
    }
    shortReported = e.token();
    Duration left = Duration.between(now, e.usableUntil());
    LOG.log(Level.DEBUG, "jdbc-jwt: no fresher token for {0} ({1}); a new connection gets the current one, usable "
        + "for {2}, less than jwt.minTokenLife asks", label, error == null ? "the token source is backing off"
        : error.getMessage(), Durations.format(left));
    return Optional.of(new TokenEvent(TokenEvent.Type.SERVED_SHORT, label, now, Optional.of(e.token()),
        Optional.ofNullable(error), failures, Duration.ZERO, Duration.ZERO));
  }
}
