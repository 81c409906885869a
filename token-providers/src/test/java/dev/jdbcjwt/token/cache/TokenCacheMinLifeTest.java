package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link TokenCache#fetch(MinTokenLife)} on a fake clock: 15-minute tokens, 30 s skew (usable 870 s), refreshed when
 * 25% remains (652.5 s after issue) without jitter unless a test says so.
 */
class TokenCacheMinLifeTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final Duration LIFETIME = Duration.ofMinutes(15);

  private final FakeTime time = new FakeTime(T0);
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final CountingSource source = new CountingSource(time, LIFETIME);

  private TokenCacheBuilder builder() {
    return TokenCache.builder(source).label("test").clock(time).scheduler(time).executor(Runnable::run)
        .random(() -> 0.0).retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.0).listener(events::add);
  }

  private List<TokenEvent.Type> eventTypes() {
    return events.stream().map(TokenEvent::type).toList();
  }

  private static Duration left(Token t, Instant now) {
    return Duration.between(now, t.expiresAt().minusSeconds(30));
  }

  @Test
  void belowTheMinimumAConnectWaitsForTheRefreshAndTheNextRefreshComesBeforeIt() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    time.advance(Duration.ofSeconds(600)); // 270 s left; the refresh is due at 652.5 s
    assertThat(cache.fetch(Duration.ofSeconds(240))).as("enough left").isSameAs(first);
    Token fresh = cache.fetch(Duration.ofSeconds(300));
    assertThat(fresh).isNotSameAs(first);
    assertThat(source.calls).hasValue(2);
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.REFRESHED);
    // remembered: the new token is refreshed when 300 s of its usable 870 s remain, not 217.5 s
    assertThat(time.pending()).containsExactly(Duration.ofSeconds(570));
  }

  @Test
  void aNewMinimumMovesTheCurrentTokensRefreshEarlierWithoutWaiting() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    assertThat(time.pending()).containsExactly(Duration.ofMillis(652_500));
    time.advance(Duration.ofSeconds(10));
    assertThat(cache.fetch(Duration.ofSeconds(420))).isSameAs(first);
    // 420 s asked, capped at 390 s: refreshed 480 s after issue
    assertThat(time.pending()).containsExactly(Duration.ofSeconds(470));
    assertThat(source.calls).hasValue(1);
  }

  @Test
  void underConstantDemandConnectsNeverWaitAndTheCapHoldsTwoRequestsPerLifetime() throws Exception {
    TokenCache cache = builder().random(() -> 0.999_999).build();
    int waited = 0;
    Duration run = LIFETIME.multipliedBy(6);
    for (Duration t = Duration.ZERO; t.compareTo(run) < 0; t = t.plusSeconds(5)) {
      int before = source.calls.get();
      Token token = cache.fetch(Duration.ofMinutes(14)); // far above the 390 s cap
      waited += source.calls.get() > before ? 1 : 0;
      assertThat(left(token, time.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(390));
      time.advance(Duration.ofSeconds(5));
    }
    assertThat(waited).as("only the cold start waits").isEqualTo(1);
    assertThat(source.calls.get()).as("the first token plus at most two per lifetime").isLessThanOrEqualTo(1 + 12);
    assertThat(source.calls.get()).as("the minimum does drive the refreshes").isGreaterThan(1 + 6 * 900 / 652);
  }

  @Test
  void aShareIsAShareOfTheUsableLifetime() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    time.advance(Duration.ofSeconds(600)); // 270 s of 870 s left: 31%
    assertThat(cache.fetch(MinTokenLife.share(0.30))).isSameAs(first);
    assertThat(cache.fetch(MinTokenLife.share(0.32))).isNotSameAs(first);
  }

  @Test
  void waitingIsBoundedByTheFetchTimeoutAndThenTheCurrentTokenIsUsed() throws Exception {
    List<Runnable> parked = new CopyOnWriteArrayList<>();
    boolean[] hung = {false};
    Executor executor = task -> {
      if (hung[0]) {
        parked.add(task);
      } else {
        task.run();
      }
    };
    TokenCache cache = TokenCache.builder(source).label("test").clock(time).scheduler(time).executor(executor)
        .random(() -> 0.0).fetchTimeout(Duration.ofMillis(50)).listener(events::add).build();
    Token first = cache.fetch();
    hung[0] = true;
    time.advance(Duration.ofSeconds(600));
    assertThat(cache.fetch(Duration.ofSeconds(300))).isSameAs(first);
    assertThat(parked).hasSize(1);
    assertThat(cache.fetch(Duration.ofSeconds(300))).isSameAs(first);
    assertThat(parked).as("joined the flight in progress").hasSize(1);
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.SERVED_SHORT);
    assertThat(events.get(1).token()).contains(first);
    assertThat(events.get(1).error().orElseThrow().getMessage()).startsWith("no token within jwt.fetchTimeout=50ms");
  }

  @Test
  void whenTheRefreshFailsTheUsableTokenIsServedAndDuringTheBackoffNobodyWaits() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    time.advance(Duration.ofSeconds(600));
    source.failure = TokenException.unavailable("HTTP 503 from the identity provider", null);
    assertThat(cache.fetch(Duration.ofSeconds(300))).isSameAs(first);
    assertThat(source.calls).hasValue(2);
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.REFRESH_FAILED,
        TokenEvent.Type.SERVED_SHORT);
    assertThat(events.get(2).error().orElseThrow().getMessage()).contains("HTTP 503");
    for (int i = 0; i < 10; i++) {
      assertThat(cache.fetch(Duration.ofSeconds(300))).isSameAs(first); // backing off for 1 s: no wait, no call
    }
    assertThat(source.calls).hasValue(2);
    assertThat(events).hasSize(3); // reported once per token
    source.failure = null;
    time.advance(Duration.ofSeconds(1)); // the retry
    assertThat(cache.fetch(Duration.ofSeconds(300))).isNotSameAs(first);
  }

  @Test
  void withNoUsableTokenItIsAPlainFetch() throws Exception {
    TokenCache cache = builder().build();
    Token t = cache.fetch(Duration.ofMinutes(5));
    assertThat(t).isNotNull();
    source.failure = TokenException.unavailable("HTTP 503", null);
    time.advance(Duration.ofMinutes(15));
    assertThatThrownBy(() -> cache.fetch(Duration.ofMinutes(5))).isInstanceOf(TokenException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void theOptionIsAShareOrADurationDefaultingToTenPercent() throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("jwt.provider", "static", "jwt.token", "t"));
    assertThat(MinTokenLife.of(TokenConfig.of(options, "u").shareOrDuration(JwtOption.MIN_TOKEN_LIFE).orElseThrow()))
        .isEqualTo(MinTokenLife.share(0.1));
    options.put("jwt.minTokenLife", "420s");
    assertThat(MinTokenLife.of(TokenConfig.of(options, "u").shareOrDuration(JwtOption.MIN_TOKEN_LIFE).orElseThrow()))
        .isEqualTo(MinTokenLife.of(Duration.ofSeconds(420)));
    options.put("jwt.minTokenLife", "PT7M");
    assertThat(MinTokenLife.of(TokenConfig.of(options, "u").shareOrDuration(JwtOption.MIN_TOKEN_LIFE).orElseThrow()))
        .isEqualTo(MinTokenLife.of(Duration.ofSeconds(420)));
    options.put("jwt.minTokenLife", "0s");
    assertThat(MinTokenLife.of(TokenConfig.of(options, "u").shareOrDuration(JwtOption.MIN_TOKEN_LIFE).orElseThrow()))
        .isSameAs(MinTokenLife.NONE);
    for (String bad : new String[] {"100%", "-1s", "soon"}) {
      options.put("jwt.minTokenLife", bad);
      assertThatThrownBy(() -> TokenConfig.of(options, "u")).isInstanceOf(TokenException.class)
          .hasMessageContaining("jwt.minTokenLife");
    }
  }

  @Test
  void configurationsDifferingOnlyInTheMinimumShareOneCache() throws Exception {
    TokenCacheRegistry registry = new TokenCacheRegistry(10, config -> source, b -> b.clock(time).scheduler(time)
        .executor(Runnable::run));
    Map<String, String> options = new HashMap<>(Map.of("jwt.provider", "static", "jwt.token", "t"));
    TokenConfig plain = TokenConfig.of(options, "u");
    options.put("jwt.minTokenLife", "420s");
    TokenConfig pooled = TokenConfig.of(options, "u");
    options.put("jwt.minTokenLife", "50%");
    TokenConfig other = TokenConfig.of(options, "u");
    options.put("jwt.onExpiry", "close");
    TokenConfig closing = TokenConfig.of(options, "u");
    assertThat(pooled).isNotEqualTo(plain);
    assertThat(pooled.cacheKey()).isEqualTo(plain.cacheKey()).isEqualTo(plain).isEqualTo(other.cacheKey());
    assertThat(plain.cacheKey()).isSameAs(plain);
    assertThat(registry.forConfig(pooled)).isSameAs(registry.forConfig(plain)).isSameAs(registry.forConfig(other));
    assertThat(registry.forConfig(closing)).as("options that split caches still do")
        .isNotSameAs(registry.forConfig(plain));
    List<TokenEvent> watched = new CopyOnWriteArrayList<>();
    registry.watch(pooled, watched::add);
    registry.forConfig(plain).fetch();
    assertThat(watched).hasSize(1);
    registry.clear();
  }
}
