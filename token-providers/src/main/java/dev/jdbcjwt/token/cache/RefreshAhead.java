package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.config.Durations;

import java.time.Duration;

/** When to refresh: when a share of the token's lifetime, or a fixed duration, remains. */
public final class RefreshAhead {

  private final double share;
  private final Duration duration;

  private RefreshAhead(double share, Duration duration) {
    this.share = share;
    this.duration = duration;
  }

  /**
   * Refresh when {@code percent}% of the lifetime remains (0 &lt; percent &lt; 100).
   *
   * @param percent the share of the lifetime, in percent
   * @return the policy
   */
  public static RefreshAhead share(double percent) {
    if (!(percent > 0 && percent < 100)) {
      throw new IllegalArgumentException("the refresh-ahead share must be between 0% and 100% (got " + percent + "%)");
    }
    return new RefreshAhead(percent / 100, null);
  }

  /**
   * Refresh when {@code remaining} of the lifetime remains.
   *
   * @param remaining the time left that triggers a refresh
   * @return the policy
   */
  public static RefreshAhead remaining(Duration remaining) {
    if (remaining.isNegative() || remaining.isZero()) {
      throw new IllegalArgumentException("the refresh-ahead duration must be positive (got " + remaining + ")");
    }
    return new RefreshAhead(0, remaining);
  }

  /**
   * Reads {@code 25%} or a duration such as {@code 2m}.
   *
   * @param text the value of {@code jwt.refreshAhead}
   * @return the policy
   */
  public static RefreshAhead parse(String text) {
    String t = text.strip();
    return t.endsWith("%") ? share(Double.parseDouble(t.substring(0, t.length() - 1)))
        : remaining(Durations.parse(t));
  }

  /** How long before the end of {@code usableLifetime} to refresh; never more than the lifetime itself. */
  Duration aheadOf(Duration usableLifetime) {
    Duration ahead = duration != null ? duration
        : Duration.ofMillis(Math.round(usableLifetime.toMillis() * share));
    return ahead.compareTo(usableLifetime) > 0 ? usableLifetime : ahead;
  }

  @Override
  public String toString() {
    return duration != null ? Durations.format(duration) : (share * 100) + "%";
  }
}
