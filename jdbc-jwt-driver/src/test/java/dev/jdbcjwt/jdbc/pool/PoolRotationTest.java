package dev.jdbcjwt.jdbc.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.cache.TokenListener;
import dev.jdbcjwt.token.config.Durations;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JwtHikariDataSource over the real PostgreSQL (each login's token checked by the LDAP bridge) with tokens of three
 * short lifetimes at once, under load: no failed borrow, no statement on an expired token, and the logins the server
 * counted within what HikariCP's maxLifetime allows: where the token covers the maxLifetime (100 s tokens) no
 * connection is retired early for its token; where it cannot (45 s and 70 s tokens: the 30 s floor is above what two
 * token requests per lifetime can promise), connections still live at least their jwt.minTokenLife. Token requests
 * stay within two per lifetime (plus the first token's spread refresh).
 */
class PoolRotationTest {

  private static final int SIZE = 4;
  private static final double HIKARI_VARIANCE = 0.975;

  /** How long the pools run; -Djdbcjwt.rotationSeconds=… to change. */
  static Duration duration() {
    return Duration.ofSeconds(Long.getLong("jdbcjwt.rotationSeconds", 100));
  }

  /** One pool under load and what was counted about it. */
  static final class Run {
    final Duration ttl;
    final String user;
    final PoolLoad load = new PoolLoad();
    final AtomicLong tokens = new AtomicLong();
    final TokenListener counter;
    long logins;
    long refusedLogins;
    long evictedForToken;
    Duration maxLifetime;
    Duration minTokenLife;

    Run(Duration ttl) {
      this.ttl = ttl;
      this.user = HikariExpiryTest.newUser();
      this.counter = e -> {
        if (e.cache().contains(user)
            && (e.type() == TokenEvent.Type.FETCHED || e.type() == TokenEvent.Type.REFRESHED)) {
          tokens.incrementAndGet();
        }
      };
    }

    void run(Duration duration) throws Exception {
      String table = HikariExpiryTest.table(user);
      HikariConfig config = HikariExpiryTest.config(user, ttl.toSeconds() + "s");
      config.setMaximumPoolSize(SIZE);
      config.setMinimumIdle(SIZE);
      long bindsBefore = HikariExpiryTest.SERVER.ldapBridge().successfulBinds(user);
      try (JwtHikariDataSource ds = new JwtHikariDataSource(config)) {
        maxLifetime = Duration.ofMillis(ds.getMaxLifetime());
        minTokenLife = ds.minTokenLife().orElseThrow(); // the pool tuned itself: it asks each connection for this
        load.run(ds, 2, duration, table);
        evictedForToken = ds.evictedForExpiry();
      }
      logins = HikariExpiryTest.SERVER.ldapBridge().successfulBinds(user) - bindsBefore;
      refusedLogins = HikariExpiryTest.SERVER.ldapBridge().failedBinds(user);
    }

    /** The most logins a pool of SIZE can make in {@code duration} when each connection lives at least {@code life}. */
    long loginsIfEachLives(Duration duration, Duration life) {
      return SIZE + (long) Math.ceil(SIZE * (double) duration.toMillis() / life.toMillis());
    }

    @Override
    public String toString() {
      return Durations.format(ttl) + " tokens: maxLifetime " + Durations.format(maxLifetime) + ", jwt.minTokenLife "
          + Durations.format(minTokenLife) + ", server logins " + logins + " (refused " + refusedLogins + "), "
          + "evicted on borrow for their token " + evictedForToken + ", tokens " + tokens + ", " + load;
    }
  }

  @Test
  void poolsOverShortTokensServeEveryBorrowWithinTheLoginBound() throws Exception {
    Duration duration = duration();
    List<Run> runs = List.of(new Run(Duration.ofSeconds(45)), new Run(Duration.ofSeconds(70)),
        new Run(Duration.ofSeconds(100)));
    runs.forEach(r -> TokenCaches.addListener(r.counter));
    ExecutorService pools = Executors.newFixedThreadPool(runs.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Run r : runs) {
        futures.add(pools.submit(() -> {
          r.run(duration);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pools.shutdown();
      runs.forEach(r -> TokenCaches.removeListener(r.counter));
    }
    for (Run r : runs) {
      System.out.println("Pool rotation, " + r);
      assertThat(r.load.failures).as(r + ", first failure: " + r.load.firstFailureReport()).hasValue(0);
      assertThat(r.load.onExpiredToken).as(r.toString()).hasValue(0);
      assertThat(r.refusedLogins).as(r.toString()).isZero();
      assertThat(r.logins).as(r.toString()).isGreaterThanOrEqualTo(SIZE);
      Duration staticLife = Duration.ofMillis((long) (r.maxLifetime.toMillis() * HIKARI_VARIANCE));
      boolean covered = r.minTokenLife.compareTo(r.maxLifetime) >= 0;
      if (covered) {
        assertThat(r.evictedForToken).as(r.toString()).isZero();
        assertThat(r.logins).as(r.toString()).isLessThanOrEqualTo(r.loginsIfEachLives(duration, staticLife));
      } else {
        Duration least = r.minTokenLife.minusSeconds(1); // the connect itself comes off the token's life
        assertThat(r.logins).as(r.toString()).isLessThanOrEqualTo(r.loginsIfEachLives(duration, least));
      }
      double lifetimes = (double) duration.toMillis() / r.ttl.toMillis();
      assertThat(r.tokens.get()).as(r.toString()).isLessThanOrEqualTo((long) Math.ceil(2 * lifetimes) + 2);
    }
    assertThat(runs.get(2).minTokenLife).isGreaterThanOrEqualTo(runs.get(2).maxLifetime);
  }
}
