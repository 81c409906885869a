package dev.jdbcjwt.jdbc.hikari;

import dev.jdbcjwt.token.cache.MinTokenLife;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PoolLifetimesTest {

  private static PoolLifetimes plan(long lifetimeSeconds, long skewSeconds, long configuredSeconds) {
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    return PoolLifetimes.plan(lifetime, Duration.ofSeconds(skewSeconds), Duration.ofSeconds(configuredSeconds));
  }

  @Test
  void fifteenMinuteTokensGiveHalfTheLifeLessSkewJitterAndTheConnectAllowance() {
    PoolLifetimes p = plan(900, 30, 1800);
    // cap = X - min(X/10, 30 s), X = 450 - 30 s skew = 420 s: 390 s
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofSeconds(388));
    assertThat(p.minTokenLife()).isEqualTo(Duration.ofSeconds(390));
    assertThat(p.keepalive()).isEqualTo(Duration.ofMinutes(2));
    assertThat(p.coversMaxLifetime()).isTrue();
  }

  @Test
  void aShorterConfiguredMaxLifetimeIsKeptAndCoveredWithTheAllowance() {
    PoolLifetimes p = plan(3600, 30, 600);
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofSeconds(600));
    assertThat(p.minTokenLife()).isEqualTo(Duration.ofSeconds(602));
  }

  @Test
  void sixtySecondTokensGetTheFloorAndOnlyWhatTheCacheCanGive() {
    PoolLifetimes p = plan(60, 5, 1800);
    // X = 30 - 5 = 25 s, cap = 22.5 s: below the 30 s floor, so late connections still retire on borrow
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.minTokenLife()).isEqualTo(Duration.ofMillis(22_500));
    assertThat(p.keepalive()).isZero();
    assertThat(p.coversMaxLifetime()).isFalse();
  }

  @Test
  void tokensTooShortForAnyMinimumAskForNone() {
    PoolLifetimes p = plan(10, 5, 1800);
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.minTokenLife()).isZero();
  }

  @Test
  void anApplicationsOwnMinimumKeepsTheLongerMaxLifetimeAndAsksNothing() {
    PoolLifetimes p = PoolLifetimes.withOwnMinimum(Duration.ofMinutes(15), Duration.ofSeconds(30),
        Duration.ofMinutes(30));
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofSeconds(783));
    assertThat(p.minTokenLife()).isZero();
    PoolLifetimes shortTokens = PoolLifetimes.withOwnMinimum(Duration.ofSeconds(40), Duration.ofSeconds(5),
        Duration.ofMinutes(30));
    assertThat(shortTokens.maxLifetime()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void noConfiguredMaxLifetimeTakesTheCap() {
    PoolLifetimes p = plan(7200, 30, 0);
    assertThat(p.maxLifetime()).isEqualTo(Duration.ofSeconds(3600 - 30 - 30 - 2));
  }

  @Property
  void maxLifetimeNeverExceedsWhatWasConfiguredNorGoesBelowTheFloor(
      @ForAll @LongRange(min = 1, max = 86_400) long lifetime, @ForAll @LongRange(min = 0, max = 120) long skew,
      @ForAll @LongRange(min = 30, max = 86_400) long configured) {
    PoolLifetimes p = plan(lifetime, skew, configured);
    assertThat(p.maxLifetime()).isLessThanOrEqualTo(Duration.ofSeconds(Math.max(30, configured)));
    assertThat(p.maxLifetime()).isGreaterThanOrEqualTo(PoolLifetimes.HIKARI_FLOOR);
  }

  @Property
  void theMinimumFitsTheCacheCapAndIsNeverMoreThanTheLifetimeAndItsAllowance(
      @ForAll @LongRange(min = 1, max = 86_400) long lifetime, @ForAll @LongRange(min = 0, max = 120) long skew,
      @ForAll @LongRange(min = 0, max = 86_400) long configured) {
    Duration l = Duration.ofSeconds(lifetime);
    PoolLifetimes p = plan(lifetime, skew, configured);
    assertThat(p.minTokenLife().isNegative()).isFalse();
    assertThat(p.minTokenLife()).isLessThanOrEqualTo(p.maxLifetime().plus(PoolLifetimes.CONNECT_ALLOWANCE));
    assertThat(p.minTokenLife()).isLessThanOrEqualTo(MinTokenLife.cap(l, Duration.ofSeconds(skew)));
    assertThat(p.keepalive().isZero() || p.keepalive().compareTo(p.maxLifetime()) < 0).isTrue();
  }

  /**
   * A cache that refreshes when the minimum of usable life remains, moved earlier by at most its on-schedule jitter
   * (a tenth of that, at most 30 s), gets each fresh token at least half a lifetime after the last one: at most two
   * identity-provider requests per lifetime.
   */
  @Property
  void theMinimumCostsAtMostTwoRequestsPerLifetime(
      @ForAll @LongRange(min = 1, max = 86_400) long lifetime, @ForAll @LongRange(min = 0, max = 120) long skew,
      @ForAll @LongRange(min = 0, max = 86_400) long configured) {
    Duration l = Duration.ofSeconds(lifetime);
    PoolLifetimes p = plan(lifetime, skew, configured);
    if (p.minTokenLife().isZero()) {
      return;
    }
    Duration usable = l.minusSeconds(skew);
    Duration jitter = p.minTokenLife().dividedBy(10).compareTo(Duration.ofSeconds(30)) < 0
        ? p.minTokenLife().dividedBy(10) : Duration.ofSeconds(30);
    Duration refreshedAfter = usable.minus(p.minTokenLife()).minus(jitter);
    assertThat(refreshedAfter.multipliedBy(2)).isGreaterThanOrEqualTo(l);
  }

  /** Where the token allows it, the minimum covers the whole maxLifetime and its connect: no early retirement. */
  @Property
  void longEnoughTokensCoverTheWholeMaxLifetime(
      @ForAll @LongRange(min = 110, max = 86_400) long lifetime, @ForAll @LongRange(min = 0, max = 10) long skew,
      @ForAll @LongRange(min = 30, max = 86_400) long configured) {
    PoolLifetimes p = plan(lifetime, skew, configured);
    assertThat(p.coversMaxLifetime()).isTrue();
    assertThat(p.minTokenLife()).isGreaterThanOrEqualTo(p.maxLifetime().plus(PoolLifetimes.CONNECT_ALLOWANCE));
  }
}
