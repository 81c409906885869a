package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCacheTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private final FakeTime time = new FakeTime(T0);
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final CountingSource source = new CountingSource(time, TEN_MINUTES);

  private TokenCacheBuilder builder() {
    return TokenCache.builder(source).label("test").clock(time).scheduler(time).executor(Runnable::run)
        .random(() -> 0.0).retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.0).listener(events::add);
  }

  private List<TokenEvent.Type> eventTypes() {
    return events.stream().map(TokenEvent::type).toList();
  }

  @Test
  void loadsOnceThenServesFromMemory() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    for (int i = 0; i < 100; i++) {
      assertThat(cache.fetch()).isSameAs(first);
    }
    assertThat(source.calls).hasValue(1);
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED);
  }

  @Test
  void refreshesInTheBackgroundWhenTheConfiguredShareRemains() throws Exception {
    TokenCache cache = builder().build(); // skew 30s, refresh when 25% of the usable 9m30s remains
    Token first = cache.fetch();
    Duration refreshAfter = Duration.ofSeconds(570).minus(Duration.ofMillis(142_500)); // 7m7.5s
    assertThat(time.pending()).containsExactly(refreshAfter);

    time.advance(refreshAfter.minusMillis(1));
    assertThat(source.calls).hasValue(1);
    assertThat(cache.fetch()).isSameAs(first);

    time.advance(Duration.ofMillis(1));
    assertThat(source.calls).hasValue(2);
    Token second = cache.fetch();
    assertThat(second).isNotSameAs(first);
    assertThat(second.expiresAt()).isEqualTo(T0.plus(refreshAfter).plus(TEN_MINUTES));
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.REFRESHED);
    assertThat(source.calls).hasValue(2);
  }

  @Test
  void aDurationRefreshAheadIsTakenAsIs() throws Exception {
    builder().refreshAhead(RefreshAhead.parse("2m")).build().fetch();
    assertThat(time.pending()).containsExactly(Duration.ofSeconds(570 - 120));
  }

  @Test
  void aFirstTokenIsRefreshedOverTheLaterHalfOfTheTimeToDue() throws Exception {
    builder().random(() -> 0.999_999).build().fetch();
    Duration due = Duration.ofMillis(570_000 - 142_500);
    assertThat(time.pending().get(0)).isLessThan(due.dividedBy(2).plusMillis(1))
        .isGreaterThanOrEqualTo(due.dividedBy(2));
  }

  @Test
  void anOnScheduleRefreshIsJitteredEarlierByAtMostATenthOfTheAheadTime() throws Exception {
    builder().random(() -> 0.999_999).build().fetch();
    time.advance(time.pending().get(0)); // the first token's spread refresh
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.REFRESHED);
    Duration base = Duration.ofMillis(570_000 - 142_500);
    Duration jittered = time.pending().get(0);
    assertThat(jittered).isLessThan(base).isGreaterThanOrEqualTo(base.minusMillis(14_250));
  }

  @Test
  void aTokenAfterAnOutageIsSpreadAgain() throws Exception {
    TokenCache cache = builder().random(() -> 0.999_999).build();
    cache.fetch();
    time.advance(time.pending().get(0));
    source.failure = TokenException.unavailable("HTTP 503", null);
    time.advance(time.pending().get(0)); // the on-schedule refresh fails; the retry comes 1 s later
    source.failure = null;
    time.advance(Duration.ofSeconds(1));
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.REFRESHED,
        TokenEvent.Type.REFRESH_FAILED, TokenEvent.Type.REFRESHED);
    Duration due = Duration.ofMillis(570_000 - 142_500);
    assertThat(time.pending().get(0)).isLessThan(due.dividedBy(2).plusMillis(1));
  }

  @Test
  void jitterIsCappedAtThirtySeconds() throws Exception {
    CountingSource longLived = new CountingSource(time, Duration.ofHours(12));
    TokenCache.builder(longLived).clock(time).scheduler(time).executor(Runnable::run).random(() -> 0.999_999)
        .build().fetch();
    time.advance(time.pending().get(0)); // the first token's spread refresh
    Duration usable = Duration.ofHours(12).minusSeconds(30);
    Duration base = usable.minus(usable.dividedBy(4));
    assertThat(time.pending().get(0)).isGreaterThanOrEqualTo(base.minusSeconds(30)).isLessThan(base);
  }

  @Test
  void aTokenObtainedLateInItsLifeIsNotRefetchedInALoop() throws Exception {
    // a token file read when only 2 of its 10 minutes are left (the writer renews it later): the same token comes
    // back on every read, so an immediate refresh would read it again and again
    Token late = Token.opaque(dev.jdbcjwt.token.Secret.of("late"), T0.minus(Duration.ofMinutes(8)), TEN_MINUTES);
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    TokenCache cache = TokenCache.builder(() -> {
      reads.incrementAndGet();
      return late;
    }).clock(time).scheduler(time).executor(Runnable::run).random(() -> 0.0).build();
    assertThat(cache.fetch()).isSameAs(late);
    // usable until T0 + 90 s: the next read comes after half of that, not now
    assertThat(time.pending()).containsExactly(Duration.ofSeconds(45));
    time.advance(Duration.ofSeconds(89));
    assertThat(reads.get()).as("reads over 89 s, each at least a second apart").isBetween(2, 8);
    assertThat(cache.fetch()).isSameAs(late);
  }

  @Test
  void aRefreshAheadNearTheWholeLifetimeStillWaitsBeforeRefreshing() throws Exception {
    builder().refreshAhead(RefreshAhead.parse("99%")).random(() -> 0.999_999).build().fetch();
    Duration first = time.pending().get(0);
    assertThat(first).isPositive();
    time.advance(first);
    assertThat(source.calls).hasValue(2);
    assertThat(time.pending())
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(RefreshSchedule.MIN_REFRESH_DELAY));
  }

  @Test
  void theTokenIsNotServedWithinTheClockSkewOfItsExpiry() throws Exception {
    TokenCache cache = builder().clockSkew(Duration.ofSeconds(45)).refreshAhead(RefreshAhead.parse("1s")).build();
    Token first = cache.fetch();
    source.failure = TokenException.unavailable("IdP down", null); // the background refresh fails
    time.advance(Duration.ofSeconds(555 - 1)); // 1s before exp - skew: still served
    assertThat(cache.fetch()).isSameAs(first);
    time.advance(Duration.ofSeconds(1)); // exactly exp - skew: no longer
    assertThat(cache.current()).isEmpty();
    source.failure = null;
    time.advance(Duration.ofSeconds(2)); // past the backoff
    assertThat(cache.fetch()).isNotSameAs(first);
    assertThat(eventTypes()).contains(TokenEvent.Type.EXPIRED);
  }

  @Test
  void failedRefreshesBackOffExponentiallyWhileTheCurrentTokenIsServed() throws Exception {
    CountingSource hourly = new CountingSource(time, Duration.ofHours(1));
    TokenCache cache = TokenCache.builder(hourly).clock(time).scheduler(time).executor(Runnable::run)
        .random(() -> 0.0).retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.0).listener(events::add)
        .refreshAhead(RefreshAhead.parse("20m")).build();
    Token first = cache.fetch();
    hourly.failure = TokenException.unavailable("HTTP 503 from https://idp/token", null);
    time.advance(Duration.ofMinutes(39).plusSeconds(30)); // usable 59m30s, refresh 20m ahead: due now

    List<Duration> delays = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      delays.add(time.pending().get(0));
      time.advance(time.pending().get(0));
      assertThat(cache.fetch()).isSameAs(first);
    }
    assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(30));
    List<TokenEvent> failures = events.stream().filter(e -> e.type() == TokenEvent.Type.REFRESH_FAILED).toList();
    assertThat(failures).hasSize(9);
    assertThat(failures.get(0).attempt()).isEqualTo(1);
    assertThat(failures.get(0).nextAttemptIn()).isEqualTo(Duration.ofSeconds(1));
    assertThat(failures.get(0).error().orElseThrow().getMessage()).contains("HTTP 503");
    assertThat(failures.get(0).token()).contains(first);
  }

  @Test
  void backoffJitterShortensEachDelayByAtMostTheJitterShare() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    assertThat(b.delayAfter(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.delayAfter(3, () -> 0.999_999)).isGreaterThan(Duration.ofMillis(3199))
        .isLessThan(Duration.ofSeconds(4));
    assertThat(b.delayAfter(50, () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anOutageShorterThanTheRemainingLifetimeIsInvisibleToCallers() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    source.failure = TokenException.unavailable("connection reset", null);
    time.advance(Duration.ofMinutes(8)); // refresh due at 7m7.5s; failing since
    assertThat(cache.fetch()).isSameAs(first);
    source.failure = null;
    time.advance(Duration.ofSeconds(31)); // the next retry succeeds, before the 9m30s usable end
    Token second = cache.fetch();
    assertThat(second).isNotSameAs(first);
    assertThat(eventTypes()).startsWith(TokenEvent.Type.FETCHED, TokenEvent.Type.REFRESH_FAILED)
        .endsWith(TokenEvent.Type.REFRESHED).doesNotContain(TokenEvent.Type.EXPIRED);
  }

  @Test
  void retriesKeepComingBeforeTheCurrentTokenBecomesUnusable() throws Exception {
    TokenCache cache = builder().build();
    cache.fetch();
    source.failure = TokenException.unavailable("down", null);
    time.advance(Duration.ofSeconds(569)); // 1s before the usable end
    int callsBefore = source.calls.get();
    assertThat(callsBefore).isGreaterThan(6); // retried at least every half of what remained
    assertThat(time.pending()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(1)));
  }

  @Test
  void anOutageLongerThanTheLifetimeFailsFastWithTheLastErrorThenRecovers() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    source.failure = TokenException.unavailable("HTTP 500 from https://idp/token", null);
    time.advance(Duration.ofSeconds(571)); // past exp - skew
    int calls = source.calls.get();

    assertThatThrownBy(cache::fetch).isInstanceOfSatisfying(TokenException.class, e -> {
      assertThat(e.kind()).isEqualTo(TokenException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).contains("HTTP 500 from https://idp/token");
    });
    // callers arriving during the backoff fail at once, without calling the IdP
    int afterFirstCaller = source.calls.get();
    assertThatThrownBy(cache::fetch).hasMessageContaining("no valid token, and the token source has failed")
        .hasMessageContaining("HTTP 500");
    assertThat(source.calls.get()).isEqualTo(afterFirstCaller);
    assertThat(afterFirstCaller - calls).isLessThanOrEqualTo(1);

    source.failure = null;
    time.advance(Duration.ofSeconds(31)); // past the longest backoff
    Token recovered = cache.fetch();
    assertThat(recovered).isNotSameAs(first);
    assertThat(cache.lastError()).isEmpty();
    assertThat(eventTypes()).contains(TokenEvent.Type.EXPIRED).endsWith(TokenEvent.Type.FETCHED);
  }

  @Test
  void withNoValidTokenRetriesComeAtLeastEveryTwoSecondsSoRecoveryIsQuick() throws Exception {
    TokenCache cache = builder().build();
    source.failure = TokenException.unavailable("HTTP 500", null);
    for (int i = 0; i < 10; i++) {
      assertThatThrownBy(cache::fetch).isInstanceOf(TokenException.class);
      time.advance(Duration.ofSeconds(2));
    }
    assertThat(source.calls).hasValue(10); // one attempt per 2 s, not 1, 2, 4, 8, 16, 30 s apart
    source.failure = null;
    assertThat(cache.fetch()).isNotNull();
  }

  @Test
  void invalidationDropsOnlyTheCurrentTokenAndTheNextFetchGetsAFreshOne() throws Exception {
    TokenCache cache = builder().build();
    Token first = cache.fetch();
    assertThat(cache.invalidate(first)).isTrue();
    assertThat(time.pending()).isEmpty();
    Token second = cache.fetch();
    assertThat(second).isNotSameAs(first);
    assertThat(cache.invalidate(first)).isFalse(); // a stale refusal does not drop the new token
    assertThat(cache.fetch()).isSameAs(second);
    assertThat(eventTypes()).containsExactly(TokenEvent.Type.FETCHED, TokenEvent.Type.INVALIDATED,
        TokenEvent.Type.FETCHED);
    assertThat(events.get(1).token()).contains(first);
  }

  @Test
  void aHungTokenSourceDoesNotHoldCallersLongerThanTheFetchTimeout() {
    List<Runnable> neverRun = new CopyOnWriteArrayList<>();
    Executor parked = neverRun::add;
    TokenCache cache = TokenCache.builder(source).clock(time).scheduler(time).executor(parked)
        .fetchTimeout(Duration.ofMillis(50)).build();
    assertThatThrownBy(cache::fetch).isInstanceOfSatisfying(TokenException.class, e -> {
      assertThat(e.kind()).isEqualTo(TokenException.Kind.UNAVAILABLE);
      assertThat(e.getMessage()).startsWith("no token within jwt.fetchTimeout=50ms");
    });
    assertThatThrownBy(cache::fetch).isInstanceOf(TokenException.class);
    assertThat(neverRun).hasSize(1); // the second caller joined the same flight
  }

  @Test
  void configurationErrorsKeepTheirKind() {
    source.failure = TokenException.configuration("jwt.tokenFile: file '/x' does not exist");
    TokenCache cache = builder().build();
    assertThatThrownBy(cache::fetch).isInstanceOfSatisfying(TokenException.class,
        e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.CONFIGURATION))
        .hasMessage("jwt.tokenFile: file '/x' does not exist");
  }

  @Test
  void aTokenLivingShorterThanTheSkewIsAnError() {
    CountingSource tiny = new CountingSource(time, Duration.ofSeconds(20));
    TokenCache cache = TokenCache.builder(tiny).clock(time).scheduler(time).executor(Runnable::run).build();
    assertThatThrownBy(cache::fetch).hasMessageContaining("within jwt.clockSkew=30s");
  }

  @Test
  void theBuilderRejectsContradictorySettingsWithTheValues() {
    assertThatThrownBy(() -> builder().retry(Duration.ofMinutes(1), Duration.ofSeconds(30), 0.1).build())
        .hasMessage("the initial retry delay PT1M exceeds the maximum PT30S");
    assertThatThrownBy(() -> builder().fetchTimeout(Duration.ZERO).build())
        .hasMessage("the fetch timeout must be positive (got PT0S)");
    assertThatThrownBy(() -> builder().clockSkew(Duration.ofSeconds(-1)).build())
        .hasMessage("the clock skew must not be negative (got PT-1S)");
    assertThatThrownBy(() -> TokenCache.builder(source).scheduler(time).build())
        .hasMessageContaining("give both a scheduler and an executor");
    assertThatThrownBy(() -> RefreshAhead.parse("150%")).hasMessageContaining("between 0% and 100%");
  }

  @Test
  void closingCancelsTheRefresh() throws Exception {
    TokenCache cache = builder().build();
    cache.fetch();
    assertThat(time.pending()).hasSize(1);
    cache.close();
    assertThat(time.pending()).isEmpty();
  }

  @Test
  void eachFailureIsLoggedOnceWithoutSecretsAndRecoveryIsLogged() throws Exception {
    java.util.List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.jdbcjwt.token");
    logger.addHandler(handler);
    try {
      TokenCache cache = builder().build();
      cache.fetch();
      source.failure = TokenException.unavailable("HTTP 503 from https://idp/token", null);
      time.advance(Duration.ofMinutes(7).plusSeconds(8)); // the refresh and three retries (1s, 2s, 4s) fail
      source.failure = null;
      time.advance(Duration.ofSeconds(60));
      java.util.List<String> lines = records.stream()
          .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
      assertThat(lines.stream().filter(l -> l.contains("failed (attempt"))).hasSize(
          (int) events.stream().filter(e -> e.type() == TokenEvent.Type.REFRESH_FAILED).count());
      assertThat(lines.get(0)).startsWith("jdbc-jwt: getting a token for test failed (attempt 1); still serving the "
          + "current token, usable for").contains("next attempt in 1s: HTTP 503 from https://idp/token");
      assertThat(lines).anySatisfy(l -> assertThat(l).contains("recovered after"));
      assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("token-1").doesNotContain("token-2"));
    } finally {
      logger.removeHandler(handler);
    }
  }
}
