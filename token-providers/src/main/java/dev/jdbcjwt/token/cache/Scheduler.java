package dev.jdbcjwt.token.cache;

import java.time.Duration;

/** Runs a task later. The production one is {@link SharedScheduler}; tests drive a fake one with a fake clock. */
public interface Scheduler {

  /**
   * Runs {@code task} after {@code delay}; the returned handle cancels it.
   *
   * @param task what to run
   * @param delay how long from now
   * @return a handle that cancels the task
   */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    /** Calls the task off; does nothing once it ran. */
    void cancel();
  }
}
