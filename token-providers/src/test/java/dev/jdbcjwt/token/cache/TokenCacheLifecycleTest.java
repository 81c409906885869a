package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13's cache lifecycle, on the fake clock: idle caches close, the number of caches is capped, refusals back off. */
class TokenCacheLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final Duration LIFETIME = Duration.ofMinutes(10);

  private final FakeTime time = new FakeTime(T0);
  private final AtomicInteger idpCalls = new AtomicInteger();
  private final Map<TokenConfig, CountingSource> sources = new ConcurrentHashMap<>();

  private TokenCacheRegistry registry(int max) {
    return new TokenCacheRegistry(max, config -> {
      CountingSource s = new CountingSource(time, LIFETIME);
      s.beforeAnswer = idpCalls::incrementAndGet;
      sources.put(config, s);
      return s;
    }, b -> b.clock(time).scheduler(time).executor(Runnable::run).random(() -> 0.0));
  }

  private static TokenConfig forUser(String user) throws TokenException {
    return TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "unused"), user);
  }

  @Test
  void aCacheNobodyUsesStopsRefreshingAndClosesAndTheNextUseMakesAFreshOne() throws Exception {
    TokenCacheRegistry registry = registry(10);
    TokenConfig config = forUser("idle");
    TokenCache cache = registry.forConfig(config);
    cache.fetch();

    time.advance(LIFETIME.multipliedBy(5));

    // one refresh (7 min after the fetch, less than a lifetime unused), then closed at the next refresh time
    assertThat(idpCalls).hasValue(2);
    assertThat(cache.isClosed()).isTrue();
    assertThat(registry.size()).isZero();
    assertThat(registry.all()).isEmpty();
    assertThat(time.pending()).isEmpty();

    TokenCache fresh = registry.forConfig(config);
    assertThat(fresh).isNotSameAs(cache);
    assertThat(fresh.fetch()).isNotNull();
    assertThat(idpCalls).hasValue(3);
  }

  @Test
  void aCacheInUseKeepsRefreshingAndIsNeverClosed() throws Exception {
    TokenCacheRegistry registry = registry(10);
    TokenConfig config = forUser("busy");
    TokenCache cache = registry.forConfig(config);
    for (int minute = 0; minute < 50; minute++) {
      registry.forConfig(config).fetch();
      time.advance(Duration.ofMinutes(1));
    }
    assertThat(registry.forConfig(config)).isSameAs(cache);
    assertThat(cache.isClosed()).isFalse();
    // one fetch plus about one refresh per 7 minutes over 50 minutes
    assertThat(idpCalls.get()).isBetween(7, 9);
  }

  @Test
  void aPoolThatReconnectsOncePerMaxLifetimeKeepsItsCache() throws Exception {
    // HikariCP reconnects at most 0.9 of a token lifetime apart: such a cache is in use
    TokenCacheRegistry registry = registry(10);
    TokenConfig config = forUser("pool");
    TokenCache cache = registry.forConfig(config);
    for (int i = 0; i < 10; i++) {
      registry.forConfig(config).fetch();
      time.advance(Duration.ofSeconds(540));
    }
    assertThat(registry.forConfig(config)).isSameAs(cache);
    assertThat(cache.isClosed()).isFalse();
  }

  @Test
  void tenThousandDistinctUsersNeverHoldMoreThanTheCapAndWarnOnce() throws Exception {
    TokenCacheRegistry registry = registry(TokenCacheRegistry.DEFAULT_MAX_CACHES);
    int warningsBefore = capWarnings();
    for (int i = 0; i < 10_000; i++) {
      registry.forConfig(forUser("user-" + i)).fetch();
      if (i % 100 == 0) {
        time.advance(Duration.ofSeconds(1)); // spread over ~100 s, so recency tells caches apart
      }
    }
    assertThat(registry.size()).isLessThanOrEqualTo(TokenCacheRegistry.DEFAULT_MAX_CACHES).isGreaterThan(900);
    // closed caches cancelled their timers: the scheduler holds no more than the live ones
    assertThat(time.pending()).hasSizeLessThanOrEqualTo(TokenCacheRegistry.DEFAULT_MAX_CACHES);
    assertThat(capWarnings() - warningsBefore).isEqualTo(1);
    assertThat(LeakWatch.captured().stream().filter(l -> l.contains("token caches in use")).findFirst().orElseThrow())
        .doesNotContain("user-", "unused");
    // the most recent users are the ones kept
    assertThat(registry.all()).extracting(TokenCache::label).contains("provider 'static' for user 'user-9999'")
        .doesNotContain("provider 'static' for user 'user-0'");
    assertThat(idpCalls).hasValue(10_000);
  }

  @Test
  void anEvictedCacheThatIsStillUsedIsMadeAgainAndItsWatchersFollow() throws Exception {
    TokenCacheRegistry registry = registry(2);
    TokenConfig a = forUser("a");
    List<TokenEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    registry.watch(a, seen::add);
    TokenCache first = registry.forConfig(a);
    first.fetch();
    time.advance(Duration.ofSeconds(2));
    registry.forConfig(forUser("b")).fetch();
    time.advance(Duration.ofSeconds(2));
    registry.forConfig(forUser("c")).fetch(); // evicts a, the least recently used

    assertThat(first.isClosed()).isTrue();
    TokenCache again = registry.forConfig(a);
    assertThat(again).isNotSameAs(first);
    Token t = again.fetch();
    assertThat(again.invalidate(t)).isTrue();
    assertThat(seen).extracting(TokenEvent::type)
        .containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.FETCHED, TokenEvent.Type.INVALIDATED);
  }

  @Test
  void aSingleRefusalGetsOneFreshTokenAtOnce() throws Exception {
    TokenCache cache = registry(10).forConfig(forUser("r"));
    Token first = cache.fetch();
    assertThat(cache.invalidate(first)).isTrue();
    Token fresh = cache.fetch();
    assertThat(fresh).isNotSameAs(first);
    assertThat(idpCalls).hasValue(2);
  }

  @Test
  void aDatabaseRefusingEveryLoginCostsAHandfulOfFetchesNotTwoPerAttempt() throws Exception {
    TokenCache cache = registry(10).forConfig(forUser("refused"));
    int attempts = 0;
    for (int i = 0; i < 20; i++) { // 20 connects 150 ms apart, each refused, as the driver handles them
      attempts += refusedConnect(cache);
      time.advance(Duration.ofMillis(150));
    }
    // before: 2 requests per connect (40); now: the first, then one per backoff step (0 s, 1 s, 3 s)
    assertThat(idpCalls.get()).isLessThanOrEqualTo(4);
    assertThat(attempts).isGreaterThanOrEqualTo(20);

    // a long refusal streak: at most one fresh token per 30 s (the maximum retry delay)
    int before = idpCalls.get();
    for (int i = 0; i < 600; i++) { // 10 minutes of a refusal per second
      refusedConnect(cache);
      time.advance(Duration.ofSeconds(1));
    }
    assertThat(idpCalls.get() - before).isLessThanOrEqualTo(10 * 2 + 2 + 4); // refreshes ahead of expiry included
  }

  @Test
  void afterAQuietSpellTheNextRefusalIsHonouredAtOnceAgain() throws Exception {
    TokenCache cache = registry(10).forConfig(forUser("quiet"));
    refusedConnect(cache);
    refusedConnect(cache);
    Token held = cache.fetch();
    assertThat(cache.invalidate(held)).isFalse(); // within the backoff step: the token stays

    time.advance(Duration.ofSeconds(31));
    assertThat(cache.invalidate(held)).isTrue();
    assertThat(cache.fetch()).isNotSameAs(held);
  }

  /** What JwtDriver.connect does when the database refuses: invalidate, fetch, retry once if the token changed. */
  private static int refusedConnect(TokenCache cache) throws TokenException {
    Token token = cache.fetch();
    cache.invalidate(token);
    Token fresh = cache.fetch();
    if (fresh == token) {
      return 1;
    }
    cache.invalidate(fresh);
    return 2;
  }

  private static int capWarnings() {
    return (int) LeakWatch.captured().stream().filter(l -> l.contains("token caches in use")).count();
  }
}
