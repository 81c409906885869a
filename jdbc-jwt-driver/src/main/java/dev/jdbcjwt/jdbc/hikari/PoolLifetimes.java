package dev.jdbcjwt.jdbc.hikari;

import dev.jdbcjwt.token.cache.MinTokenLife;

import java.time.Duration;

/**
 * How long a pool's connections live and how much token life each new one asks for, from the token lifetime: pure
 * arithmetic, no clock, no pool. {@link JwtHikari} applies it to HikariCP; for another pool that takes a maximum
 * connection lifetime (DBCP2's {@code maxConnLifetimeMillis}, Agroal's {@code maxLifetime}), the same plan gives the
 * value to configure and the {@code jwt.minTokenLife} to set.
 *
 * <p>With token lifetime {@code L} ({@code exp - iat}) and clock skew {@code s}, the token cache can promise every new
 * connection a token usable for {@code cap} ({@link MinTokenLife#cap}: {@code X - min(X/10, 30 s)} with
 * {@code X = L/2 - s}) at a cost of at most two identity-provider requests per lifetime: it refreshes when that much
 * usable life remains (its jitter included), which is never before half the lifetime has passed. The pool's
 * {@code maxLifetime} is then
 * <pre>
 *   M = min(configured, cap - A), never below HikariCP's 30 s floor
 * </pre>
 * and each new connection asks for {@code D = min(M + A, cap)} of usable token life, where {@code A} is a connect
 * allowance ({@link #CONNECT_ALLOWANCE}): HikariCP counts {@code maxLifetime} from the end of the connect, the token
 * was taken before it. When {@code D >= M} every connection retires at its {@code maxLifetime}, never earlier for its
 * token; when the floor lifts {@code M} above {@code cap} (tokens shorter than about 80 s), late connections are still
 * retired on borrow when their token expires.
 *
 * @param maxLifetime the pool's {@code maxLifetime}
 * @param minTokenLife the usable token life each new connection asks for ({@code jwt.minTokenLife}); zero for none
 * @param keepalive the pool's {@code keepaliveTime}; zero for none
 */
public record PoolLifetimes(Duration maxLifetime, Duration minTokenLife, Duration keepalive) {

  /** HikariCP resets a {@code maxLifetime} below this to its default. */
  public static final Duration HIKARI_FLOOR = Duration.ofSeconds(30);
  /** HikariCP's default {@code keepaliveTime} in 7.x; the pool never asks for more. */
  static final Duration KEEPALIVE_DEFAULT = Duration.ofMinutes(2);
  /** Time from taking the token to HikariCP's birth stamp of the connection (the connect itself). */
  public static final Duration CONNECT_ALLOWANCE = Duration.ofSeconds(2);
  /** The least margin below the usable lifetime of {@link #withOwnMinimum}. */
  static final Duration OWN_MINIMUM_MARGIN = Duration.ofSeconds(5);

  /**
   * The plan for tokens living {@code lifetime} (exp - iat).
   *
   * @param lifetime the token lifetime; positive
   * @param clockSkew how long before expiry a token stops being served
   * @param configured the pool's configured {@code maxLifetime}; zero for none (HikariCP's "infinite")
   * @return the pool's settings
   */
  public static PoolLifetimes plan(Duration lifetime, Duration clockSkew, Duration configured) {
    Duration cap = MinTokenLife.cap(lifetime, clockSkew);
    Duration wanted = cap.minus(CONNECT_ALLOWANCE);
    if (!configured.isZero() && configured.compareTo(wanted) < 0) {
      wanted = configured;
    }
    Duration maxLifetime = wanted.compareTo(HIKARI_FLOOR) < 0 ? HIKARI_FLOOR : wanted;
    return new PoolLifetimes(maxLifetime, min(maxLifetime.plus(CONNECT_ALLOWANCE), cap), keepalive(maxLifetime));
  }

  /**
   * The plan when the application chose {@code jwt.minTokenLife} itself: it takes charge of the token life of new
   * connections, so the pool asks for none and keeps its longer {@code maxLifetime}, below the token's usable lifetime
   * {@code U = L - s} by a tenth (at least 5 s), never above what was configured, never below 30 s. Connections opened
   * late in a token's life are then retired when it expires (fewer logins in all, but not all at
   * {@code maxLifetime}).
   *
   * @param lifetime the token lifetime; positive
   * @param clockSkew how long before expiry a token stops being served
   * @param configured the pool's configured {@code maxLifetime}; zero for none
   * @return the pool's settings, with no {@link #minTokenLife}
   */
  public static PoolLifetimes withOwnMinimum(Duration lifetime, Duration clockSkew, Duration configured) {
    Duration usable = lifetime.minus(clockSkew);
    Duration wanted = usable.minus(max(usable.dividedBy(10), OWN_MINIMUM_MARGIN));
    if (!configured.isZero() && configured.compareTo(wanted) < 0) {
      wanted = configured;
    }
    Duration maxLifetime = max(wanted, HIKARI_FLOOR);
    return new PoolLifetimes(maxLifetime, Duration.ZERO, keepalive(maxLifetime));
  }

  /**
   * Whether every connection's token outlives its {@code maxLifetime}, so that none is retired early for its token.
   *
   * @return true when {@link #minTokenLife} is at least {@link #maxLifetime}
   */
  public boolean coversMaxLifetime() {
    return minTokenLife.compareTo(maxLifetime) >= 0;
  }

  /** Half the lifetime, at most HikariCP's default, none when under HikariCP's 30 s keepalive minimum. */
  private static Duration keepalive(Duration maxLifetime) {
    Duration half = min(maxLifetime.dividedBy(2), KEEPALIVE_DEFAULT);
    return half.compareTo(HIKARI_FLOOR) < 0 ? Duration.ZERO : half;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
