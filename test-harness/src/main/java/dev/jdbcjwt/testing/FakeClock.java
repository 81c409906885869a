package dev.jdbcjwt.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that moves only when told, with a scheduler whose tasks run when the clock reaches them: time-dependent
 * behaviour tested without sleeping. Adapt {@link #schedule} to the code's scheduler interface with a lambda.
 */
public final class FakeClock extends Clock {

  private static final class Task {
    final Instant due;
    final Runnable runnable;
    volatile boolean cancelled;

    Task(Instant due, Runnable runnable) {
      this.due = due;
      this.runnable = runnable;
    }
  }

  private volatile Instant now;
  private final List<Task> tasks = new ArrayList<>();

  public FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** Runs {@code task} when the clock reaches now + {@code delay}; the returned action cancels it. */
  public synchronized Runnable schedule(Runnable task, Duration delay) {
    Task t = new Task(now.plus(delay), task);
    tasks.add(t);
    return () -> t.cancelled = true;
  }

  /** Delays of the pending (not cancelled) tasks from now, soonest first. */
  public synchronized List<Duration> pending() {
    return tasks.stream().filter(t -> !t.cancelled).sorted(Comparator.comparing(t -> t.due))
        .map(t -> Duration.between(now, t.due)).toList();
  }

  /** Moves the clock forward, running each task that falls due at its own instant, in order. */
  public void advance(Duration by) {
    Instant end = now.plus(by);
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(end))
            .min(Comparator.comparing(t -> t.due)).orElse(null);
        if (next == null) {
          now = end;
          return;
        }
        tasks.remove(next);
        if (next.due.isAfter(now)) {
          now = next.due;
        }
      }
      next.runnable.run();
    }
  }

}
