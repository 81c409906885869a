package dev.jdbcjwt.testing.pool;

import dev.jdbcjwt.testing.FakeClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * HikariCP's retirement rules for a fixed-size, busy pool, on a {@link FakeClock}: what HikariCP does to its
 * connections, without HikariCP's own clock and threads (which a test cannot move).
 *
 * <ul>
 *   <li>A connection is born when its connect ends ({@code connectTime} after the login took its token) and reaches
 *       its end of life {@code maxLifetime} less a random variance of up to 2.5% later (none for a
 *       {@code maxLifetime} of 10 s or less); then it is closed and replaced at once (busy or idle: a busy one closes
 *       on return, which in a busy pool is within the borrow period).</li>
 *   <li>Every {@code borrowEvery}, each connection is borrowed once (a busy pool); a connection whose token is no
 *       longer usable is then retired early and replaced, as {@code JwtHikariDataSource} does on borrow and its wrapper's
 *       {@code isValid} does under keepalive. With {@code checksToken} off (HikariCP's credentials provider route: the
 *       vendor's own connections) nothing looks at the token; the model counts connections that outlive it.</li>
 * </ul>
 * A login gives the instant until which the token it used is usable ({@link Instant#MAX} for a static password).
 */
public final class HikariPoolModel {

  /** A login: takes a token (or password) now and says until when it is usable. */
  @FunctionalInterface
  public interface Login {
    /**
     * Logs in at the clock's current instant.
     *
     * @return until when the credential used is usable
     */
    Instant login();
  }

  private static final class Conn {
    final Instant born;
    final Instant endOfLife;
    final Instant usableUntil;

    Conn(Instant born, Instant endOfLife, Instant usableUntil) {
      this.born = born;
      this.endOfLife = endOfLife;
      this.usableUntil = usableUntil;
    }
  }

  private final FakeClock clock;
  private final Duration maxLifetime;
  private final Duration connectTime;
  private final boolean checksToken;
  private final Login login;
  private final Random random;
  private final List<Conn> pool = new ArrayList<>();

  private long logins;
  private long retiredAtEndOfLife;
  private long retiredForToken;
  private long outlivedToken;
  private long borrows;

  /**
   * A pool of {@code size} connections, opened now.
   *
   * @param clock the fake clock (advanced by {@link #run})
   * @param size connections in the pool (minimumIdle = maximumPoolSize)
   * @param maxLifetime HikariCP's {@code maxLifetime}
   * @param connectTime from the login's token to the end of the connect
   * @param checksToken whether borrows retire connections whose token is no longer usable
   * @param seed seeds HikariCP's lifetime variance (the same seed gives the same variances in the same order)
   * @param login takes the credential of each new connection
   */
  public HikariPoolModel(FakeClock clock, int size, Duration maxLifetime, Duration connectTime, boolean checksToken,
      long seed, Login login) {
    this.clock = clock;
    this.maxLifetime = maxLifetime;
    this.connectTime = connectTime;
    this.checksToken = checksToken;
    this.login = login;
    this.random = new Random(seed);
    for (int i = 0; i < size; i++) {
      pool.add(open());
    }
  }

  private Conn open() {
    logins++;
    Instant usableUntil = login.login();
    Instant born = clock.instant().plus(connectTime);
    long lifeMillis = maxLifetime.toMillis();
    long variance = lifeMillis > 10_000 ? (long) (random.nextDouble() * (lifeMillis / 40)) : 0;
    return new Conn(born, born.plusMillis(lifeMillis - variance), usableUntil);
  }

  /**
   * Runs the pool for {@code duration}, borrowing each connection every {@code borrowEvery}.
   *
   * @param duration how long to run
   * @param borrowEvery the borrow period
   * @return this model
   */
  public HikariPoolModel run(Duration duration, Duration borrowEvery) {
    Instant end = clock.instant().plus(duration);
    while (clock.instant().isBefore(end)) {
      clock.advance(borrowEvery);
      Instant now = clock.instant();
      for (int i = 0; i < pool.size(); i++) {
        Conn c = pool.get(i);
        if (now.isBefore(c.born)) {
          continue;
        }
        if (!now.isBefore(c.endOfLife)) {
          retiredAtEndOfLife++;
          if (c.usableUntil.isBefore(c.endOfLife)) {
            outlivedToken++;
          }
          pool.set(i, open());
        } else if (checksToken && !now.isBefore(c.usableUntil)) {
          retiredForToken++;
          pool.set(i, open());
        } else {
          borrows++;
        }
      }
    }
    return this;
  }

  /** @return physical connections opened (logins), the first ones included */
  public long logins() {
    return logins;
  }

  /** @return connections closed at their maxLifetime */
  public long retiredAtEndOfLife() {
    return retiredAtEndOfLife;
  }

  /** @return connections retired before their maxLifetime because their token was no longer usable */
  public long retiredForToken() {
    return retiredForToken;
  }

  /** @return connections (not checking tokens) that lived past their token's usable time */
  public long outlivedToken() {
    return outlivedToken;
  }

  /** @return borrows served */
  public long borrows() {
    return borrows;
  }

  @Override
  public String toString() {
    return "HikariPoolModel[logins=" + logins + ", retiredAtEndOfLife=" + retiredAtEndOfLife + ", retiredForToken="
        + retiredForToken + ", outlivedToken=" + outlivedToken + ", borrows=" + borrows + "]";
  }
}
