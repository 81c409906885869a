package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.jdbc.internal.ConnectEnvironment;
import dev.jdbcjwt.jdbc.internal.VendorDrivers;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.token.cache.Scheduler;
import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.cache.TokenCacheRegistry;
import dev.jdbcjwt.token.net.HostClassifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * A whole {@link JwtDriver} (not registered) on a {@link FakeClock}: its token caches, the providers they make, and
 * its connections' expiry timers take their time from one {@link Timekeeper} whose scheduler is the fake clock's and
 * whose executor is the calling thread, with no jitter. Vendor drivers, databases and identity providers stay real;
 * only time is fake, so a test {@link #advance advances} it instead of sleeping.
 */
public final class TimedDriver {

  private static final int MAX_CACHES = 100;

  private final FakeClock clock;
  private final TokenCacheRegistry caches;
  private final JwtDriver driver;

  /** A driver whose clock starts at {@code start}. */
  public TimedDriver(Instant start) {
    this.clock = new FakeClock(start);
    this.caches = new TokenCacheRegistry(MAX_CACHES, timekeeper(clock));
    this.driver = new JwtDriver(new ConnectEnvironment(HostClassifier.system(), VendorDrivers::find, caches));
  }

  /**
   * A driver whose clock starts at the current second: tokens it mints or receives are valid for a real database
   * too, which checks them on the real clock, as long as the test moves the fake clock ahead of the real one.
   */
  public static TimedDriver startingNow() {
    return new TimedDriver(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The fake clock's scheduler, a same-thread executor and no jitter. */
  public static Timekeeper timekeeper(FakeClock clock) {
    Scheduler scheduler = (task, delay) -> {
      Runnable cancel = clock.schedule(task, delay);
      return cancel::run;
    };
    return new Timekeeper(clock, scheduler, Runnable::run, () -> 0.0);
  }

  public Connection connect(String url, Properties info) throws SQLException {
    return driver.connect(url, info);
  }

  public JwtDriver driver() {
    return driver;
  }

  public FakeClock clock() {
    return clock;
  }

  /** This driver's token caches (listeners, clearing). */
  public TokenCacheRegistry caches() {
    return caches;
  }

  /** Moves time on, running each timer (refreshes, retries, connection expiry) that falls due, on this thread. */
  public void advance(Duration by) {
    clock.advance(by);
  }

  /** Closes this driver's token caches. */
  public void close() {
    caches.clear();
  }
}
