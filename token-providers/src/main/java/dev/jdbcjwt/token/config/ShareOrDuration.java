package dev.jdbcjwt.token.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The value of a {@link OptionType#SHARE_OR_DURATION} option: a share of a token's lifetime ({@code 25%}, kept as
 * 0.25) or a fixed duration ({@code 2m}); exactly one of the two is present.
 *
 * @param share the share of the lifetime, 0 to 1; empty for a duration
 * @param duration the fixed duration; empty for a share
 */
public record ShareOrDuration(Optional<Double> share, Optional<Duration> duration) {

  /**
   * Checks that exactly one of the two is present.
   *
   * @param share the share of the lifetime, 0 to 1
   * @param duration the fixed duration
   */
  public ShareOrDuration {
    if (share.isPresent() == duration.isPresent()) {
      throw new IllegalArgumentException("exactly one of share and duration");
    }
  }

  /**
   * A share of the lifetime.
   *
   * @param share 0 to 1 (25% is 0.25)
   * @return the value
   */
  public static ShareOrDuration ofShare(double share) {
    return new ShareOrDuration(Optional.of(share), Optional.empty());
  }

  /**
   * A fixed duration.
   *
   * @param duration the duration
   * @return the value
   */
  public static ShareOrDuration ofDuration(Duration duration) {
    return new ShareOrDuration(Optional.empty(), Optional.of(duration));
  }
}
