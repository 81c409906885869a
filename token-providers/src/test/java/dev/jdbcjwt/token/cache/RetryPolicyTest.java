package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The waits after failures and refusals on their own: exact durations, no clock, no cache. */
class RetryPolicyTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final DoubleSupplier NO_JITTER = () -> 0.0;
  private static final RetryPolicy POLICY =
      new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.0));

  private static List<Duration> delays(Instant usableUntil, int attempts) {
    List<Duration> out = new ArrayList<>();
    for (int failures = 1; failures <= attempts; failures++) {
      out.add(POLICY.afterFailure(failures, T0, usableUntil, NO_JITTER));
    }
    return out;
  }

  @Test
  void whileATokenIsServedTheBackoffDoublesUpToItsMaximum() {
    assertThat(delays(T0.plus(Duration.ofHours(1)), 7)).containsExactly(Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void whileATokenIsServedRetriesComeAtLeastEveryHalfOfItsRemainingLife() {
    assertThat(POLICY.afterFailure(5, T0, T0.plusSeconds(10), NO_JITTER)).isEqualTo(Duration.ofSeconds(5));
    assertThat(POLICY.afterFailure(3, T0, T0.plusMillis(1_500), NO_JITTER)).isEqualTo(Duration.ofSeconds(1));
    assertThat(POLICY.afterFailure(1, T0, T0.plusSeconds(10), NO_JITTER)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void withNoValidTokenRetriesComeAtLeastEveryTwoSeconds() {
    assertThat(delays(null, 4)).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(2));
    assertThat(POLICY.afterFailure(9, T0, T0, NO_JITTER)).as("a token usable until now is not served")
        .isEqualTo(RetryPolicy.NO_TOKEN_RETRY_CAP);
  }

  @Test
  void jitterShortensTheDelayByItsShareOfTheRandomValue() {
    RetryPolicy jittered = new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    assertThat(jittered.afterFailure(3, T0, T0.plus(Duration.ofHours(1)), () -> 0.5))
        .isEqualTo(Duration.ofMillis(3_600));
  }

  @Test
  void refusalsShareTheBackoffAndAQuietSpellStartsANewStreak() {
    RefusalStreak s = POLICY.afterRefusal(RefusalStreak.NONE, T0, NO_JITTER);
    assertThat(s).isEqualTo(new RefusalStreak(1, T0, T0.plusSeconds(1), true));
    s = POLICY.afterRefusal(s, T0.plusMillis(500), NO_JITTER);
    assertThat(s).isEqualTo(new RefusalStreak(1, T0.plusMillis(500), T0.plusSeconds(1), false));
    s = POLICY.afterRefusal(s, T0.plusSeconds(1), NO_JITTER);
    assertThat(s).isEqualTo(new RefusalStreak(2, T0.plusSeconds(1), T0.plusSeconds(3), true));
    s = POLICY.afterRefusal(s, T0.plusSeconds(2), NO_JITTER);
    assertThat(s.refetch()).isFalse();
    s = POLICY.afterRefusal(s, T0.plusSeconds(3), NO_JITTER);
    assertThat(s).isEqualTo(new RefusalStreak(3, T0.plusSeconds(3), T0.plusSeconds(7), true));
    // none for the longest retry delay (30 s): the next refusal starts over at 1 s
    s = POLICY.afterRefusal(s, T0.plusSeconds(33), NO_JITTER);
    assertThat(s).isEqualTo(new RefusalStreak(1, T0.plusSeconds(33), T0.plusSeconds(34), true));
  }

  @Test
  void anOutageCountsFailuresAndFailsFastUntilItsNextAttempt() {
    TokenException first = TokenException.unavailable("HTTP 500 from the token endpoint", null);
    Outage o = Outage.NONE.failed(first, T0, Duration.ofSeconds(1))
        .failed(TokenException.unavailable("HTTP 503 from the token endpoint", null), T0.plusSeconds(1),
            Duration.ofSeconds(2));
    assertThat(o.failures()).isEqualTo(2);
    assertThat(o.nextAttemptAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(o.backingOff(T0.plusSeconds(2))).isTrue();
    assertThat(o.backingOff(T0.plusSeconds(3))).isFalse();
    assertThat(Outage.NONE.backingOff(T0)).isFalse();
    assertThat(o.failFast(T0.plusSeconds(2))).hasMessage("no valid token, and the token source has failed 2 times;"
        + " next attempt in 1s. Last error: HTTP 503 from the token endpoint");
  }
}
