package dev.jdbcjwt.token.cache;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Everything time-dependent code takes from the machine, in one value: the clock, the scheduler that runs timers, the
 * executor that runs identity provider calls, and the randomness of jitter. {@link #SYSTEM} is the system clock with
 * the JVM-wide {@link SharedScheduler} threads; tests give one built on a fake clock, a same-thread executor and a
 * fixed random, so that a whole driver runs deterministically without sleeping.
 *
 * @param clock what "now" is: token expiry, refresh times, connection expiry
 * @param scheduler runs refresh timers and connection expiry timers
 * @param executor runs token source calls (off the timer thread)
 * @param random uniform in [0, 1), for jitter
 */
public record Timekeeper(Clock clock, Scheduler scheduler, Executor executor, DoubleSupplier random) {

  /** The system UTC clock, the shared refresh threads and a thread-local random. */
  public static final Timekeeper SYSTEM = new Timekeeper(Clock.systemUTC(), SharedScheduler.scheduler(),
      SharedScheduler.executor(), () -> ThreadLocalRandom.current().nextDouble());

  /**
   * Checks that no part is missing.
   *
   * @param clock what "now" is
   * @param scheduler runs timers
   * @param executor runs token source calls
   * @param random uniform in [0, 1), for jitter
   */
  public Timekeeper {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(random, "random");
  }
}
