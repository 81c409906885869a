package dev.jdbcjwt.token.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCacheBuilderTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private final FakeTime time = new FakeTime(T0);
  private final CountingSource source = new CountingSource(time, Duration.ofMinutes(10));

  @Test
  void oneTimekeeperGivesTheCacheItsClockTimerExecutorAndRandomness() throws Exception {
    List<Runnable> executed = new ArrayList<>();
    Timekeeper fake = new Timekeeper(time, time, task -> {
      executed.add(task);
      task.run();
    }, () -> 0.5);
    TokenCache cache = TokenCache.builder(source).time(fake).build();
    assertThat(cache.fetch().expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    assertThat(executed).hasSize(1);
    // a first token is spread: 25% of the usable 9m30s ahead, less half of the later half of the 7m7.5s to due
    assertThat(time.pending()).containsExactly(Duration.ofMillis(427_500 - 106_875));
    time.advance(time.pending().get(0));
    assertThat(source.calls).hasValue(2);
  }

  @Test
  void aSchedulerWithoutAnExecutorIsRejectedWithWhatWasGiven() {
    assertThatThrownBy(() -> TokenCache.builder(source).scheduler(time).build())
        .hasMessage("give both a scheduler and an executor, or neither (to use the shared ones); got a scheduler "
            + "and no executor");
    assertThatThrownBy(() -> TokenCache.builder(source).executor(Runnable::run).build())
        .hasMessageEndingWith("got an executor and no scheduler");
    assertThatThrownBy(() -> TokenCache.builder(source).retry(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.0)
        .build()).hasMessage("the retry jitter must be in [0, 1) (got 1.0)");
  }
}
