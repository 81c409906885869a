package dev.jdbcjwt.spring.boot.autoconfigure.metrics;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.cache.TokenListener;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Micrometer meters for every token source (tag {@code source}: the cache's label, as in logs and health) and every
 * DataSource jdbc-jwt configured (tag {@code datasource}: the bean name):
 * <ul>
 *   <li>{@code jdbc.jwt.tokens.fetched} (counter; {@code kind}: first, refresh): tokens obtained;</li>
 *   <li>{@code jdbc.jwt.tokens.refresh.failures} (counter; {@code error}: configuration, unavailable, refused): failed
 *       attempts to get a token, first ones and refreshes;</li>
 *   <li>{@code jdbc.jwt.tokens.expired}, {@code jdbc.jwt.tokens.invalidated} (counters): a token expired before a new
 *       one could be had; the database refused one;</li>
 *   <li>{@code jdbc.jwt.idp.latency} (timer; {@code outcome}: success, failure): how long the token source took;</li>
 *   <li>{@code jdbc.jwt.token.expiry} (gauge, seconds): time until the current token expires, NaN without one;</li>
 *   <li>{@code jdbc.jwt.connections.evicted} (function counter; {@code reason}: token-expired): connections retired
 *       on borrow because their token had expired.</li>
 * </ul>
 * Counters appear with a source's first event. Close (the application context does) to stop listening.
 */
public class JdbcJwtMetrics implements MeterBinder, AutoCloseable {

  private final Supplier<Stream<DataSource>> dataSources;
  private final Supplier<List<TokenCache>> caches;
  private final Clock clock;
  private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();

  /**
   * Metrics of the driver's shared token caches, on the system clock.
   *
   * @param dataSources the application's DataSources, read when binding, for the eviction counters
   */
  public JdbcJwtMetrics(Supplier<Stream<DataSource>> dataSources) {
    this(dataSources, TokenCaches::all, Clock.systemUTC());
  }

  /**
   * Metrics over {@code dataSources} and {@code caches}, measuring the time to expiry on {@code clock}.
   *
   * @param dataSources the DataSource beans whose retired connections are counted
   * @param caches the token caches whose expiry the gauges read (the shared ones: {@link TokenCaches#all()})
   * @param clock the clock the gauges measure the time to expiry with
   */
  public JdbcJwtMetrics(Supplier<Stream<DataSource>> dataSources, Supplier<List<TokenCache>> caches, Clock clock) {
    this.dataSources = dataSources;
    this.caches = caches;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    TokenListener listener = listenerFor(registry);
    listeners.add(listener);
    TokenCaches.addListener(listener);
    caches.get().forEach(cache -> expiryGauge(registry, cache.label()));
    dataSources.get().map(JdbcJwtMetrics::evictions).flatMap(Optional::stream)
        .forEach(ds -> FunctionCounter.builder("jdbc.jwt.connections.evicted", ds,
                TokenExpiryEvictions::evictedForExpiry)
            .description("Connections retired on borrow because their token had expired")
            .tag("datasource", ds.dataSourceName())
            .tag("reason", "token-expired")
            .register(registry));
  }

  /** The listener that records a cache's events into {@code registry}; {@link #bindTo} adds it to every cache. */
  TokenListener listenerFor(MeterRegistry registry) {
    return event -> record(registry, event);
  }

  private void record(MeterRegistry registry, TokenEvent event) {
    String source = event.cache();
    switch (event.type()) {
      case FETCHED, REFRESHED -> {
        expiryGauge(registry, source);
        Counter.builder("jdbc.jwt.tokens.fetched")
            .description("Tokens obtained from the token source")
            .tag("source", source)
            .tag("kind", event.type() == TokenEvent.Type.FETCHED ? "first" : "refresh")
            .register(registry).increment();
        latency(registry, source, "success").record(event.latency());
      }
      case REFRESH_FAILED -> {
        Counter.builder("jdbc.jwt.tokens.refresh.failures")
            .description("Failed attempts to get a token (first ones and refreshes)")
            .tag("source", source)
            .tag("error", event.error().map(e -> e.kind().name().toLowerCase(Locale.ROOT)).orElse("unknown"))
            .register(registry).increment();
        latency(registry, source, "failure").record(event.latency());
      }
      case EXPIRED -> Counter.builder("jdbc.jwt.tokens.expired")
          .description("Tokens that expired before a new one could be had")
          .tag("source", source).register(registry).increment();
      case INVALIDATED -> Counter.builder("jdbc.jwt.tokens.invalidated")
          .description("Tokens dropped because the database refused them")
          .tag("source", source).register(registry).increment();
      default -> {
      }
    }
  }

  private static Timer latency(MeterRegistry registry, String source, String outcome) {
    return Timer.builder("jdbc.jwt.idp.latency")
        .description("How long the token source (identity provider, signer, command) took")
        .tag("source", source)
        .tag("outcome", outcome)
        .register(registry);
  }

  private void expiryGauge(MeterRegistry registry, String source) {
    if (registry.find("jdbc.jwt.token.expiry").tag("source", source).gauge() != null) {
      return;
    }
    Gauge.builder("jdbc.jwt.token.expiry", () -> secondsToExpiry(source))
        .description("Time until the current token expires; NaN when there is none or its expiry is unknown")
        .tag("source", source)
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  private double secondsToExpiry(String source) {
    return caches.get().stream()
        .filter(cache -> cache.label().equals(source))
        .map(TokenCache::current)
        .flatMap(Optional::stream)
        .filter(Token::hasKnownExpiry)
        .mapToDouble(token -> token.remaining(clock.instant()).toMillis() / 1000.0)
        .min()
        .orElse(Double.NaN);
  }

  private static Optional<TokenExpiryEvictions> evictions(DataSource dataSource) {
    if (dataSource instanceof TokenExpiryEvictions ds) {
      return Optional.of(ds);
    }
    try {
      return dataSource.isWrapperFor(TokenExpiryEvictions.class)
          ? Optional.of(dataSource.unwrap(TokenExpiryEvictions.class)) : Optional.empty();
    } catch (SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stops listening to token events. */
  @Override
  public void close() {
    listeners.forEach(TokenCaches::removeListener);
    listeners.clear();
  }
}
