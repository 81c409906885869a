package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresh arithmetic on its own: exact instants, no clock, no cache. */
class RefreshScheduleTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final RefreshSchedule QUARTER = new RefreshSchedule(Duration.ofSeconds(30), RefreshAhead.share(25));

  private static Token opaque(Instant issued, Duration lifetime) {
    return Token.opaque(Secret.of("schedule-test-token"), issued, lifetime);
  }

  @Test
  void aShareOfTheUsableLifetimeWithoutJitter() {
    CachedToken e = QUARTER.plan(opaque(T0, Duration.ofMinutes(10)), T0, 0.0);
    assertThat(e.usableUntil()).isEqualTo(T0.plusSeconds(570));
    assertThat(e.refreshAt()).isEqualTo(T0.plusMillis(570_000 - 142_500));
    assertThat(e.lifetime()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void jitterIsAtMostATenthOfTheAheadTime() {
    CachedToken e = QUARTER.plan(opaque(T0, Duration.ofMinutes(10)), T0, 0.5);
    assertThat(e.refreshAt()).isEqualTo(T0.plusMillis(427_500 - 7_125)); // half of 14.25 s
  }

  @Test
  void jitterIsAtMostThirtySeconds() {
    CachedToken e = QUARTER.plan(opaque(T0, Duration.ofHours(12)), T0, 0.5);
    assertThat(e.refreshAt()).isEqualTo(T0.plusMillis(43_170_000 - 10_792_500 - 15_000));
  }

  @Test
  void aDurationAheadIsTakenAsIs() {
    RefreshSchedule twoMinutes = new RefreshSchedule(Duration.ofSeconds(30), RefreshAhead.parse("2m"));
    assertThat(twoMinutes.plan(opaque(T0, Duration.ofMinutes(10)), T0, 0.0).refreshAt())
        .isEqualTo(T0.plusSeconds(450));
  }

  @Test
  void theLifetimeCountsFromTheIssueTimeWhenItIsEarlier() {
    // issued 8 of its 10 minutes ago: usable until T0 + 90 s, already inside its refresh window, so refreshed after
    // half of what remains
    CachedToken e = QUARTER.plan(opaque(T0.minus(Duration.ofMinutes(8)), Duration.ofMinutes(10)), T0, 0.0);
    assertThat(e.usableUntil()).isEqualTo(T0.plusSeconds(90));
    assertThat(e.refreshAt()).isEqualTo(T0.plusSeconds(45));
    assertThat(e.lifetime()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void anIssueTimeInTheFutureCountsAsNow() {
    CachedToken e = QUARTER.plan(opaque(T0.plusSeconds(60), Duration.ofMinutes(10)), T0, 0.0);
    assertThat(e.lifetime()).isEqualTo(Duration.ofMinutes(11));
    assertThat(e.refreshAt()).isEqualTo(T0.plusSeconds(630).minusMillis(157_500)); // 25% of 10m30s usable
  }

  @Test
  void insideTheRefreshWindowTheNextRefreshIsAtLeastOneSecondAway() {
    Instant usableUntil = T0.plusMillis(1_500);
    assertThat(RefreshSchedule.refreshAt(T0, usableUntil, Duration.ofSeconds(10), 0.0, false))
        .isEqualTo(T0.plus(RefreshSchedule.MIN_REFRESH_DELAY));
    assertThat(RefreshSchedule.refreshAt(T0, T0.plusSeconds(20), Duration.ofSeconds(30), 0.9, true))
        .isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void jitterNeverMovesTheRefreshToLessThanASecondFromNow() {
    // due 2 s from now with an ahead time of 60 s: the jitter (at most 6 s) is cut to the 1 s beyond the minimum delay
    assertThat(RefreshSchedule.refreshAt(T0, T0.plusSeconds(62), Duration.ofSeconds(60), 0.5, false))
        .isEqualTo(T0.plusMillis(1_500));
    assertThat(RefreshSchedule.refreshAt(T0, T0.plusSeconds(62), Duration.ofSeconds(60), 0.999_999, true))
        .isAfterOrEqualTo(T0.plus(RefreshSchedule.MIN_REFRESH_DELAY));
  }

  @Test
  void aSpreadTokenIsRefreshedOverTheLaterHalfOfTheTimeToDue() {
    // 15-minute token, 30 s skew, 25% ahead: due 652.5 s after arrival; spread over [326.25 s, 652.5 s]
    Token t = opaque(T0, Duration.ofMinutes(15));
    assertThat(QUARTER.plan(t, new RefreshSchedule.Arrival(T0, 0.0, true), 0).refreshAt())
        .isEqualTo(T0.plusMillis(652_500));
    assertThat(QUARTER.plan(t, new RefreshSchedule.Arrival(T0, 0.5, true), 0).refreshAt())
        .isEqualTo(T0.plusMillis(652_500 - 163_125));
    assertThat(QUARTER.plan(t, new RefreshSchedule.Arrival(T0, 0.999_999, true), 0).refreshAt())
        .isBetween(T0.plusMillis(326_250), T0.plusMillis(326_251));
    // on schedule: at most 21.75 s (a tenth of the ahead time) early
    assertThat(QUARTER.plan(t, new RefreshSchedule.Arrival(T0, 0.999_999, false), 0).refreshAt())
        .isBetween(T0.plusMillis(652_500 - 21_750), T0.plusMillis(652_500 - 21_749));
  }

  @Test
  void aDemandedMinimumMovesTheRefreshEarlierUpToTheCap() {
    Token t = opaque(T0, Duration.ofMinutes(15));
    RefreshSchedule.Arrival onTime = new RefreshSchedule.Arrival(T0, 0.0, false);
    // 420 s asked of a 15-minute token: capped at 450 - 30 - 30 = 390 s; due 870 - 390 = 480 s after issue
    CachedToken e = QUARTER.plan(t, onTime, 420_000);
    assertThat(e.capMillis()).isEqualTo(390_000);
    assertThat(e.plannedMillis()).isEqualTo(420_000);
    assertThat(e.refreshAt()).isEqualTo(T0.plusSeconds(480));
    // with the largest jitter (30 s, the jitter of a 390 s ahead time) it is still half the lifetime after issue
    assertThat(QUARTER.plan(t, new RefreshSchedule.Arrival(T0, 0.999_999, false), 420_000).refreshAt())
        .isAfterOrEqualTo(T0.plusSeconds(450));
    // a minimum below the refresh-ahead time changes nothing
    assertThat(QUARTER.plan(t, onTime, 100_000).refreshAt()).isEqualTo(T0.plusMillis(652_500));
  }

  @Test
  void theCapIsHalfTheLifetimeLessSkewAndLargestJitter() {
    assertThat(MinTokenLife.cap(Duration.ofMinutes(15), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(390));
    assertThat(MinTokenLife.cap(Duration.ofHours(1), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1_740));
    assertThat(MinTokenLife.cap(Duration.ofMinutes(2), Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(27));
    assertThat(MinTokenLife.cap(Duration.ofSeconds(60), Duration.ofSeconds(30))).isZero();
    assertThat(MinTokenLife.cap(Duration.ofSeconds(20), Duration.ofSeconds(30))).isZero();
  }

  @Test
  void aTokenObtainedLateIsHeldToHalfOfWhatItHadLeft() {
    // issued 10 of its 15 minutes ago: 270 s usable left, so at most 135 s is honoured
    CachedToken e = QUARTER.plan(opaque(T0.minus(Duration.ofMinutes(10)), Duration.ofMinutes(15)),
        new RefreshSchedule.Arrival(T0, 0.0, false), 420_000);
    assertThat(e.capMillis()).isEqualTo(135_000);
    assertThat(e.lastsAt(T0.plusSeconds(135), 420_000)).isTrue();
    assertThat(e.lastsAt(T0.plusSeconds(136), 420_000)).isFalse();
  }

  @Test
  void aTokenWithoutKnownExpiryIsNeverRefreshed() {
    CachedToken e = QUARTER.plan(opaque(T0, null), T0, 0.3);
    assertThat(e.usableUntil()).isEqualTo(Instant.MAX);
    assertThat(e.refreshes()).isFalse();
    assertThat(e.usableAt(T0.plus(Duration.ofDays(36_500)))).isTrue();
  }

  @Test
  void aCacheIsIdleAfterOneTokenLifetimeUnusedAndNeverBeforeOneSecond() {
    assertThat(RefreshSchedule.idle(Duration.ofMinutes(10), Duration.ofMinutes(10))).isTrue();
    assertThat(RefreshSchedule.idle(Duration.ofMinutes(10).minusMillis(1), Duration.ofMinutes(10))).isFalse();
    assertThat(RefreshSchedule.idle(Duration.ofMillis(999), Duration.ofMillis(200))).isFalse();
    assertThat(RefreshSchedule.idle(Duration.ofSeconds(1), Duration.ofMillis(200))).isTrue();
  }
}
