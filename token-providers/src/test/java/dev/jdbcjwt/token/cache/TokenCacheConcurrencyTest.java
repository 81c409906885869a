package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Many threads, real thread pools: the one-request-per-refresh invariant holds. */
class TokenCacheConcurrencyTest {

  @Test
  void sixtyFourThreadsOnAColdCacheCauseExactlyOneRequest() throws Exception {
    FakeTime time = new FakeTime(Instant.parse("2026-06-01T00:00:00Z"));
    CountingSource source = new CountingSource(time, Duration.ofMinutes(10));
    CountDownLatch allWaiting = new CountDownLatch(1);
    source.beforeAnswer = () -> {
      try {
        allWaiting.await(5, TimeUnit.SECONDS); // answer only once every thread has asked
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    ExecutorService fetchers = Executors.newCachedThreadPool();
    TokenCache cache = TokenCache.builder(source).clock(time).scheduler(time).executor(fetchers).build();
    ExecutorService callers = Executors.newFixedThreadPool(64);
    CountDownLatch started = new CountDownLatch(64);
    List<Future<Token>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      results.add(callers.submit(() -> {
        started.countDown();
        return cache.fetch();
      }));
    }
    started.await();
    Thread.sleep(50); // let the callers reach the single flight; the invariant holds however long this is
    allWaiting.countDown();
    Set<Token> seen = ConcurrentHashMap.newKeySet();
    for (Future<Token> f : results) {
      seen.add(f.get(10, TimeUnit.SECONDS));
    }
    assertThat(source.calls).hasValue(1);
    assertThat(seen).hasSize(1);
    callers.shutdownNow();
    fetchers.shutdownNow();
  }

  @Test
  void manyThreadsOverManyRefreshCyclesCauseOneRequestPerRefresh() throws Exception {
    FakeTime time = new FakeTime(Instant.parse("2026-06-01T00:00:00Z"));
    CountingSource source = new CountingSource(time, Duration.ofSeconds(100));
    ExecutorService fetchers = Executors.newCachedThreadPool();
    AtomicInteger submitted = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    java.util.concurrent.Executor tracked = task -> {
      submitted.incrementAndGet();
      fetchers.execute(() -> {
        try {
          task.run();
        } finally {
          finished.incrementAndGet();
        }
      });
    };
    AtomicInteger fetchedOrRefreshed = new AtomicInteger();
    TokenCache cache = TokenCache.builder(source).clock(time).scheduler(time).executor(tracked)
        .clockSkew(Duration.ofSeconds(10)).refreshAhead(RefreshAhead.parse("20s"))
        .listener(e -> {
          if (e.type() == TokenEvent.Type.FETCHED || e.type() == TokenEvent.Type.REFRESHED) {
            fetchedOrRefreshed.incrementAndGet();
          }
        }).build();
    cache.fetch();

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger unusable = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService readers = Executors.newFixedThreadPool(16);
    for (int i = 0; i < 16; i++) {
      readers.submit(() -> {
        while (!stop.get()) {
          try {
            Instant asked = time.instant();
            Token t = cache.fetch();
            if (t.isExpired(asked, Duration.ZERO)) {
              unusable.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
      });
    }
    int steps = 5_000; // 5000 s of fake time: about 70 token lifetimes
    for (int i = 0; i < steps; i++) {
      time.advance(Duration.ofSeconds(1));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (finished.get() < submitted.get() && System.nanoTime() < deadline) {
        Thread.yield(); // a refresh is in flight: let it land before fake time moves on
      }
    }
    stop.set(true);
    readers.shutdown();
    assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    fetchers.shutdown();
    assertThat(fetchers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    // usable lifetime 90 s, refresh 20 s ahead (minus up to 2 s jitter): one refresh every 70-72 s of fake time
    int calls = source.calls.get();
    assertThat(unusable).as("tokens served that had expired").hasValue(0);
    assertThat(errors).as("failed fetches").hasValue(0);
    assertThat(calls).isEqualTo(fetchedOrRefreshed.get());
    assertThat(calls).isBetween(steps / 72, steps / 70 + 2);
  }

  @Test
  void shutdownLeavesNoThreadBehind() throws Exception {
    TokenCache cache = TokenCache.builder(new CountingSource(java.time.Clock.systemUTC(), Duration.ofMinutes(5)))
        .build();
    cache.fetch();
    assertThat(threadNames()).anyMatch(n -> n.startsWith("jdbc-jwt-"));
    cache.close();
    assertThat(TokenCaches.shutdown(Duration.ofSeconds(5))).isTrue();
    assertThat(threadNames()).noneMatch(n -> n.startsWith("jdbc-jwt-"));
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
  }
}
