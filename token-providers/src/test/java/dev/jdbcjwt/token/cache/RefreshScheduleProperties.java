package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants of {@link RefreshSchedule} over any lifetime, skew, refresh-ahead, demand, arrival and draw: a
 * refresh never comes later than due (jitter only moves it earlier), never sooner than a second after the token
 * arrived, and a demanded minimum never makes it come before half the token's lifetime (so at most two requests per
 * lifetime) unless the token is spread or arrived late.
 */
class RefreshScheduleProperties {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  @Property(tries = 3000)
  void neverLaterThanDueNorSoonerThanTheMinimumDelay(@ForAll @IntRange(min = 1, max = 86_400) int lifetimeSeconds,
      @ForAll @IntRange(min = 0, max = 120) int skewSeconds, @ForAll @IntRange(min = 1, max = 99) int aheadPercent,
      @ForAll @LongRange(min = 0, max = 90_000_000) long demandMillis,
      @ForAll @IntRange(min = 0, max = 86_400) int issuedAgoSeconds,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random, @ForAll boolean spread) {
    Duration skew = Duration.ofSeconds(skewSeconds);
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    Instant issued = T0.minusSeconds(Math.min(issuedAgoSeconds, lifetimeSeconds - 1));
    Token token = Token.opaque(Secret.of("property-token"), issued, lifetime);
    Instant usableUntil = token.expiresAt().minus(skew);
    if (!T0.isBefore(usableUntil)) {
      return; // the cache refuses such a token before planning it (UsableTokenCheck)
    }
    RefreshAhead ahead = RefreshAhead.share(aheadPercent);
    CachedToken e = new RefreshSchedule(skew, ahead).plan(token, new RefreshSchedule.Arrival(T0, random, spread),
        demandMillis);

    Duration usableLifetime = Duration.between(issued, usableUntil);
    long honoured = Math.min(demandMillis, e.capMillis());
    Duration aheadTime = ahead.aheadOf(usableLifetime);
    Instant due = usableUntil.minus(aheadTime.toMillis() >= honoured ? aheadTime : Duration.ofMillis(honoured));
    assertThat(e.refreshAt()).isAfterOrEqualTo(T0.plus(RefreshSchedule.MIN_REFRESH_DELAY));
    if (!due.isBefore(T0.plus(RefreshSchedule.MIN_REFRESH_DELAY))) {
      assertThat(e.refreshAt()).as("never later than due").isBeforeOrEqualTo(due);
    } else {
      assertThat(e.refreshAt()).as("inside the window: half of what is left")
          .isEqualTo(T0.plus(max(Duration.between(T0, usableUntil).dividedBy(2), RefreshSchedule.MIN_REFRESH_DELAY)));
    }
    assertThat(e.capMillis()).isLessThanOrEqualTo(MinTokenLife.cap(lifetime, skew).toMillis())
        .isLessThanOrEqualTo(Math.max(0, Duration.between(T0, usableUntil).toMillis() / 2));
    boolean demandDecides = honoured > aheadTime.toMillis();
    if (demandDecides && !spread && issued.equals(T0) && !due.isBefore(T0.plus(RefreshSchedule.MIN_REFRESH_DELAY))) {
      assertThat(e.refreshAt()).as("at most two requests per lifetime").isAfterOrEqualTo(issued.plus(lifetime
          .dividedBy(2)));
    }
  }

  @Property(tries = 1000)
  void theCapLeavesHalfTheLifetimeWithTheLargestJitter(@ForAll @IntRange(min = 1, max = 86_400) int lifetimeSeconds,
      @ForAll @IntRange(min = 0, max = 300) int skewSeconds) {
    Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
    Duration skew = Duration.ofSeconds(skewSeconds);
    Duration cap = MinTokenLife.cap(lifetime, skew);
    assertThat(cap.isNegative()).isFalse();
    Duration jitter = min(cap.dividedBy(10), RefreshSchedule.MAX_JITTER);
    assertThat(cap.plus(jitter)).isLessThanOrEqualTo(max(lifetime.dividedBy(2).minus(skew), Duration.ZERO));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
