package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.ShareOrDuration;

import java.time.Duration;
import java.util.Objects;

/**
 * The least usable life a token must have left to be handed to a new connection ({@code jwt.minTokenLife}): a share
 * of the token's usable lifetime ({@code 10%}) or a duration ({@code 7m}). See {@link TokenCache#fetch(MinTokenLife)}.
 *
 * <p>Whatever is asked, a token of lifetime {@code L} ({@code exp - iat}) with clock skew {@code s} is held to at most
 * {@link #cap}: {@code X - min(X / 10, 30 s)} where {@code X = L / 2 - s} (zero when {@code X <= 0}); the subtracted
 * part is the largest jitter of an on-schedule refresh. Within it, a refresh driven by the minimum comes at least half
 * a lifetime after the token's issue, so the minimum costs at most two token requests per lifetime per cache. A token
 * obtained late in its life is also held to half of the usable life it had left when it arrived.
 */
public final class MinTokenLife {

  /** No minimum: any usable token will do. */
  public static final MinTokenLife NONE = new MinTokenLife(0, Duration.ZERO);

  private static final Duration LARGEST_JITTER = RefreshSchedule.MAX_JITTER;

  private final double share;
  private final Duration duration;

  private MinTokenLife(double share, Duration duration) {
    this.share = share;
    this.duration = duration;
  }

  /**
   * At least {@code remaining} of usable life left.
   *
   * @param remaining the minimum (zero: none)
   * @return the minimum
   * @throws IllegalArgumentException when {@code remaining} is negative
   */
  public static MinTokenLife of(Duration remaining) {
    if (remaining.isNegative()) {
      throw new IllegalArgumentException("the minimum token life must not be negative (got " + remaining + ")");
    }
    return remaining.isZero() ? NONE : new MinTokenLife(0, remaining);
  }

  /**
   * At least {@code fraction} (0 &lt; fraction &lt; 1) of the token's usable lifetime ({@code exp - skew - iat}) left.
   *
   * @param fraction the share, 0.1 for 10%
   * @return the minimum
   * @throws IllegalArgumentException when {@code fraction} is not between 0 and 1
   */
  public static MinTokenLife share(double fraction) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("the minimum token life share must be between 0% and 100% (got "
          + fraction * 100 + "%)");
    }
    return new MinTokenLife(fraction, Duration.ZERO);
  }

  /**
   * The value of a {@code jwt.minTokenLife} option, as {@code TokenConfig.shareOrDuration} reads it.
   *
   * @param value a share or a duration
   * @return the minimum
   */
  public static MinTokenLife of(ShareOrDuration value) {
    Objects.requireNonNull(value);
    return value.share().isPresent() ? share(value.share().get()) : of(value.duration().orElseThrow());
  }

  /**
   * The largest minimum honoured for a token living {@code lifetime} ({@code exp - iat}) under {@code clockSkew}:
   * {@code X - min(X / 10, 30 s)} with {@code X = lifetime / 2 - clockSkew}, zero when {@code X <= 0}. For 15-minute
   * tokens and a 30 s skew: 390 s; for 60-minute ones: 1,740 s.
   *
   * @param lifetime the token's lifetime, from issue to expiry
   * @param clockSkew the cache's clock skew
   * @return the cap, never negative
   */
  public static Duration cap(Duration lifetime, Duration clockSkew) {
    long x = lifetime.toMillis() / 2 - clockSkew.toMillis();
    return x <= 0 ? Duration.ZERO : Duration.ofMillis(x - Math.min(x / 10, LARGEST_JITTER.toMillis()));
  }

  /** The minimum asked of a token with {@code usableLifetimeMillis} of usable lifetime, before the cap. */
  long millisOf(long usableLifetimeMillis) {
    return share > 0 ? Math.round(usableLifetimeMillis * share) : duration.toMillis();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinTokenLife m && m.share == share && m.duration.equals(duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(share, duration);
  }

  @Override
  public String toString() {
    return share > 0 ? share * 100 + "%" : Durations.format(duration);
  }
}
