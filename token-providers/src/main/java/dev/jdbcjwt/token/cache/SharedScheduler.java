package dev.jdbcjwt.token.cache;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM-wide threads of the token caches: one timer thread ({@code jdbc-jwt-refresh-timer}) and a small pool for
 * identity provider calls ({@code jdbc-jwt-token-fetch-N}), so a hung provider never delays another cache's timer.
 * Daemon threads with no context class loader, started lazily, stopped by {@link #shutdown(Duration)} (redeploys) and
 * restarted on next use.
 */
public final class SharedScheduler {

  private static final Object LOCK = new Object();
  private static final Duration MAX_DELAY = Duration.ofNanos(Long.MAX_VALUE);
  private static ScheduledThreadPoolExecutor timer;
  private static ExecutorService fetchers;

  private SharedScheduler() {
  }

  /**
   * The shared scheduler.
   *
   * @return the JVM-wide timer, started on first use
   */
  public static Scheduler scheduler() {
    return (task, delay) -> {
      ScheduledFuture<?> f = timer().schedule(task, nanos(delay), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }

  /**
   * The delay in nanoseconds, at least 0 and saturated: a token valid until the year 9999 is refreshed centuries from
   * now, beyond the 292 years {@link Duration#toNanos()} can express.
   */
  static long nanos(Duration delay) {
    if (delay.isNegative()) {
      return 0;
    }
    return delay.compareTo(MAX_DELAY) >= 0 ? Long.MAX_VALUE : delay.toNanos();
  }

  /**
   * The shared executor for token source calls.
   *
   * @return the JVM-wide executor for token source calls, started on first use
   */
  public static Executor executor() {
    return task -> fetchers().execute(task);
  }

  private static ScheduledThreadPoolExecutor timer() {
    synchronized (LOCK) {
      if (timer == null || timer.isShutdown()) {
        timer = new ScheduledThreadPoolExecutor(1, threads("jdbc-jwt-refresh-timer", false));
        timer.setRemoveOnCancelPolicy(true);
      }
      return timer;
    }
  }

  private static ExecutorService fetchers() {
    synchronized (LOCK) {
      if (fetchers == null || fetchers.isShutdown()) {
        // Threads die after 60 s idle: between refreshes nothing stays running.
        fetchers = Executors.newCachedThreadPool(threads("jdbc-jwt-token-fetch-", true));
      }
      return fetchers;
    }
  }

  private static ThreadFactory threads(String name, boolean numbered) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, numbered ? name + n.incrementAndGet() : name);
      t.setDaemon(true);
      t.setContextClassLoader(null); // never pin an application's class loader
      return t;
    };
  }

  /**
   * Stops the threads, waiting up to {@code wait} for running work. Caches used afterwards start them again.
   *
   * @return true if every thread finished in time
   * @param wait how long to wait for running work
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean shutdown(Duration wait) throws InterruptedException {
    ScheduledThreadPoolExecutor t;
    ExecutorService f;
    synchronized (LOCK) {
      t = timer;
      f = fetchers;
      timer = null;
      fetchers = null;
    }
    boolean done = true;
    long deadline = System.nanoTime() + wait.toNanos();
    if (t != null) {
      t.shutdownNow();
      done = t.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    if (f != null) {
      f.shutdownNow();
      done &= f.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    return done;
  }
}
