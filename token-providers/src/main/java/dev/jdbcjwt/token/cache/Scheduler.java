package dev.jdbcjwt.token.cache;

import java.time.Duration;

/** Runs a task later. The production one is {@link SharedScheduler}; tests drive a fake one with a fake clock. */
public interface Scheduler {

  /** Runs {@code task} after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that can be called off. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
