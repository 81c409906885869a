package dev.jdbcjwt.benchmarks.fleet;

import dev.jdbcjwt.token.cache.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A discrete-event clock for simulations: time moves only from one scheduled task to the next, in order, on the
 * calling thread. A priority queue, so that tens of thousands of caches' timers cost a logarithm each (the test
 * harness's {@code FakeClock} scans its list). Not thread-safe: one simulation thread.
 */
final class EventClock extends Clock implements Scheduler {

  private record Task(Instant due, long seq, Runnable runnable, boolean[] cancelled) {
  }

  private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> {
    int c = a.due.compareTo(b.due);
    return c != 0 ? c : Long.compare(a.seq, b.seq);
  });
  private Instant now;
  private long seq;

  EventClock(Instant start) {
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

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    boolean[] cancelled = {false};
    tasks.add(new Task(now.plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  /** Runs every task due up to {@code end}, each at its own instant, then sets the clock to {@code end}. */
  void runUntil(Instant end) {
    while (!tasks.isEmpty() && !tasks.peek().due.isAfter(end)) {
      Task t = tasks.poll();
      if (!t.cancelled[0]) {
        if (t.due.isAfter(now)) {
          now = t.due;
        }
        t.runnable.run();
      }
    }
    now = end;
  }
}
