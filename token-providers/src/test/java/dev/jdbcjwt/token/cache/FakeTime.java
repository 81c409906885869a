package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.testing.FakeClock;

import java.time.Duration;
import java.time.Instant;

/** The shared {@link FakeClock}, also usable as the cache's {@link Scheduler}. */
final class FakeTime extends java.time.Clock implements Scheduler {

  private final FakeClock clock;

  FakeTime(Instant start) {
    this.clock = new FakeClock(start);
  }

  @Override
  public Instant instant() {
    return clock.instant();
  }

  @Override
  public java.time.ZoneId getZone() {
    return clock.getZone();
  }

  @Override
  public java.time.Clock withZone(java.time.ZoneId zone) {
    return this;
  }

  @Override
  public Cancellable schedule(Runnable task, Duration delay) {
    Runnable cancel = clock.schedule(task, delay);
    return cancel::run;
  }

  java.util.List<Duration> pending() {
    return clock.pending();
  }

  void advance(Duration by) {
    clock.advance(by);
  }
}
