package dev.jdbcjwt.token.cache;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;

/**
 * When a cache was last asked for a token, and whether it closes when nobody asks ({@link
 * TokenCacheBuilder#closeWhenIdle}). The last use is written at most once a second, so the hit path stays
 * write-free; whether that makes the cache idle is {@link RefreshSchedule#idle}'s arithmetic.
 */
final class Idleness {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");
  /** Last-use times are written at most this often (one write per second, not one per fetch). */
  private static final long TOUCH_GRANULARITY_MILLIS = 1000;

  private final Optional<Runnable> onClose;
  private volatile long lastUsedMillis;

  /** Idleness tracked from {@code start}; {@code onClose} (null: never close) runs when the cache closes idle. */
  Idleness(Runnable onClose, Instant start) {
    this.onClose = Optional.ofNullable(onClose);
    this.lastUsedMillis = start.toEpochMilli();
  }

  /** Records a use at {@code now}. */
  void touch(Instant now) {
    long ms = now.toEpochMilli();
    if (ms - lastUsedMillis >= TOUCH_GRANULARITY_MILLIS) {
      lastUsedMillis = ms;
    }
  }

  long lastUsedMillis() {
    return lastUsedMillis;
  }

  /** True when this cache closes on idleness and, serving {@code current}, nobody used it for its lifetime. */
  boolean idle(Instant now, CachedToken current) {
    return onClose.isPresent() && current != null
        && RefreshSchedule.idle(java.time.Duration.ofMillis(now.toEpochMilli() - lastUsedMillis), current.lifetime());
  }

  /** Logs the idle close of {@code label}'s cache and runs the callback (a registry forgets the cache there). */
  void closing(String label) {
    LOG.log(Level.DEBUG, "jdbc-jwt: token cache for {0} unused for a token lifetime: closed, no more refreshes",
        label);
    try {
      onClose.ifPresent(Runnable::run); // first, so that a registry hands out a fresh cache from now on
    } catch (RuntimeException ignored) {
      // the registry's bookkeeping must not break the timer thread
    }
  }
}
