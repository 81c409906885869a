package dev.jdbcjwt.token.cache;

import java.time.Duration;

/**
 * A cache's one pending timer: the next refresh or retry. Setting it replaces the pending one. Not thread-safe on its
 * own: the cache calls it under its lock.
 */
final class RefreshTimer {

  private final Scheduler scheduler;
  private final Runnable task;
  private Scheduler.Cancellable pending;

  RefreshTimer(Scheduler scheduler, Runnable task) {
    this.scheduler = scheduler;
    this.task = task;
  }

  /** Runs the task after {@code delay}, instead of when it was due before; {@code null}: not at all. */
  void set(Duration delay) {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
    if (delay != null) {
      pending = scheduler.schedule(task, delay);
    }
  }

  /** Called by the task when it runs: nothing is pending any more. */
  void fired() {
    pending = null;
  }
}
