package dev.jdbcjwt.spring.boot.autoconfigure.metrics;

import dev.jdbcjwt.spring.boot.autoconfigure.TestTokenSource;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.spring.boot.autoconfigure.hikari.BootJwtHikariDataSource;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters of real token caches on a manual clock. */
class JdbcJwtMetricsTest {

  private static final String SOURCE = "provider 'signed' for user 'metrics-test'";

  private final FakeClock clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final List<TokenCache> caches = new ArrayList<>();
  private final BootJwtHikariDataSource pool = new BootJwtHikariDataSource("ordersDataSource");
  private final JdbcJwtMetrics metrics = new JdbcJwtMetrics(() -> Stream.<DataSource>of(pool), () -> caches, clock);
  private final SimpleMeterRegistry registry = MeterLeakSource.watch(new SimpleMeterRegistry());

  @AfterEach
  void close() {
    metrics.close();
    pool.close();
  }

  @Test
  void countsFetchesRefreshesFailuresAndTimesTheTokenSource() throws Exception {
    metrics.bindTo(registry);
    TestTokenSource source = new TestTokenSource("metrics-test", clock);
    TokenCache cache = source.cache(SOURCE, metrics.listenerFor(registry));
    caches.add(cache);

    cache.fetch(); // first token: usable for 4m30s (5m less the 30s skew), refreshed from about 3m22s on
    clock.advance(Duration.ofMinutes(4));
    cache.fetch(); // the refresh is due: it runs on this thread and succeeds
    source.failWith(TokenException.unavailable("identity provider down", null));
    clock.advance(Duration.ofMinutes(4));
    cache.fetch(); // the next refresh is due and fails; the current token is still served

    assertThat(registry.get("jdbc.jwt.tokens.fetched").tags("source", SOURCE, "kind", "first").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("jdbc.jwt.tokens.fetched").tags("source", SOURCE, "kind", "refresh").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("jdbc.jwt.tokens.refresh.failures").tags("source", SOURCE, "error", "unavailable")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("jdbc.jwt.idp.latency").tags("source", SOURCE, "outcome", "success").timer().count())
        .isEqualTo(2);
    assertThat(registry.get("jdbc.jwt.idp.latency").tags("source", SOURCE, "outcome", "failure").timer().count())
        .isEqualTo(1);
  }

  @Test
  void theExpiryGaugeFollowsTheCurrentToken() throws Exception {
    TestTokenSource source = new TestTokenSource("metrics-test", clock);
    TokenCache cache = source.cache(SOURCE, metrics.listenerFor(registry));
    caches.add(cache);
    metrics.bindTo(registry); // a cache that exists before binding gets its gauge at once

    assertThat(gauge()).isNaN(); // no token yet
    cache.fetch();
    double left = gauge();
    assertThat(left).isBetween(240.0, 360.0);
    clock.advance(Duration.ofMinutes(1));
    assertThat(gauge()).isEqualTo(left - 60, org.assertj.core.api.Assertions.within(0.001));
  }

  @Test
  void countsInvalidatedAndExpiredTokens() throws Exception {
    metrics.bindTo(registry);
    TestTokenSource source = new TestTokenSource("metrics-test", clock);
    TokenCache cache = source.cache(SOURCE, metrics.listenerFor(registry));
    cache.invalidate(cache.fetch());
    cache.fetch();
    source.failWith(TokenException.unavailable("identity provider down", null));
    clock.advance(Duration.ofMinutes(6)); // past the expiry, with no refresh (no timers here)
    try {
      cache.fetch();
    } catch (TokenException expected) {
      // nothing valid left
    }
    assertThat(registry.get("jdbc.jwt.tokens.invalidated").tag("source", SOURCE).counter().count()).isEqualTo(1);
    assertThat(registry.get("jdbc.jwt.tokens.expired").tag("source", SOURCE).counter().count()).isEqualTo(1);
  }

  @Test
  void everyPoolConfiguredByJdbcJwtGetsAnEvictionCounter() {
    metrics.bindTo(registry);
    assertThat(registry.get("jdbc.jwt.connections.evicted")
        .tags("datasource", "ordersDataSource", "reason", "token-expired").functionCounter().count()).isZero();
  }

  @Test
  void listensToEveryCacheOfTheDriverUntilClosed() throws Exception {
    metrics.bindTo(registry);
    try {
      failOnce("before-close");
      metrics.close();
      failOnce("after-close");
    } finally {
      dev.jdbcjwt.token.cache.TokenCaches.clear(); // leave no failing shared cache to other tests' health checks
    }
    assertThat(registry.find("jdbc.jwt.tokens.refresh.failures").counters())
        .filteredOn(c -> c.getId().getTag("source").startsWith("provider 'file' for user 'before-close' (tokenFile "))
        .singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(1));
    assertThat(registry.find("jdbc.jwt.tokens.refresh.failures").counters())
        .noneMatch(c -> c.getId().getTag("source").startsWith("provider 'file' for user 'after-close'"));
  }

  /** A shared cache (as the driver makes) whose token file disappears before the first fetch. */
  private static void failOnce(String user) throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("jdbc-jwt-metrics", ".jwt");
    java.nio.file.Files.writeString(file, dev.jdbcjwt.testing.TestIssuer.shared().mint(user));
    TokenCache shared = dev.jdbcjwt.token.cache.TokenCaches.forConfig(dev.jdbcjwt.token.config.TokenConfig.of(
        Map.of("jwt.provider", "file", "jwt.tokenFile", file.toString()), user));
    java.nio.file.Files.delete(file);
    try {
      shared.fetch();
    } catch (TokenException expected) {
      // the file is gone
    }
  }

  private double gauge() {
    return registry.get("jdbc.jwt.token.expiry").tag("source", SOURCE).gauge().value();
  }
}
