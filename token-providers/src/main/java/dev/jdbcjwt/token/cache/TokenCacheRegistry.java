package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@link TokenCache} per distinct token configuration, with a lifecycle: a cache nobody used for about one token
 * lifetime closes itself and is forgotten (the next use creates a fresh one), and at most {@link #maxCaches()} are
 * live at once (least recently used closed first, with one WARNING). Listeners added for a configuration
 * ({@link #watch}) follow it across such re-creations. {@link TokenCaches} is the JVM-wide instance's facade.
 */
public final class TokenCacheRegistry {

  /** The default cap on live caches: far above what one application's pools use, small in memory. */
  public static final int DEFAULT_MAX_CACHES = 1000;
  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");

  /** Makes the token source of a configuration. */
  @FunctionalInterface
  interface SourceFactory {
    TokenSource create(TokenConfig config) throws TokenException;
  }

  private final Map<TokenConfig, TokenCache> caches = new ConcurrentHashMap<>();
  private final Map<TokenConfig, List<TokenListener>> watchers = new ConcurrentHashMap<>();
  private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean capWarned = new AtomicBoolean();
  private final SourceFactory sources;
  private final Consumer<TokenCacheBuilder> customizer;
  private final Timekeeper time;
  private volatile int maxCaches;

  /**
   * A registry of caches on the shared threads and the system clock ({@link Timekeeper#SYSTEM}).
   *
   * @param maxCaches the cap on live caches (at least 1)
   */
  public TokenCacheRegistry(int maxCaches) {
    this(maxCaches, Timekeeper.SYSTEM);
  }

  /**
   * A registry whose caches, and the token sources it makes for them, run on {@code time}: the one place a driver's
   * clock, timers and executor come from (tests pass one on a fake clock).
   *
   * @param maxCaches the cap on live caches (at least 1)
   * @param time the clock, timers, executor and randomness of every cache
   */
  public TokenCacheRegistry(int maxCaches, Timekeeper time) {
    this(maxCaches, config -> TokenSources.create(config, time.clock()), b -> b.time(time), time);
  }

  /** For tests: sources from {@code sources}, each cache's builder adjusted by {@code customizer} (clock, threads). */
  TokenCacheRegistry(int maxCaches, SourceFactory sources, Consumer<TokenCacheBuilder> customizer) {
    this(maxCaches, sources, customizer, Timekeeper.SYSTEM);
  }

  private TokenCacheRegistry(int maxCaches, SourceFactory sources, Consumer<TokenCacheBuilder> customizer,
      Timekeeper time) {
    setMaxCaches(maxCaches);
    this.sources = Objects.requireNonNull(sources);
    this.customizer = Objects.requireNonNull(customizer);
    this.time = Objects.requireNonNull(time);
  }

  /**
   * The clock, timers and executor of this registry's caches, for what lives beside them (connection timers).
   *
   * @return this registry's time
   */
  public Timekeeper time() {
    return time;
  }

  /**
   * The shared cache for {@code config}, created (and its source validated) on first use or after it closed.
   * Configurations with equal {@link TokenConfig#cacheKey() cache keys} (differing only in connection-level options
   * such as {@code jwt.minTokenLife}) share one cache.
   *
   * @param config the token configuration
   * @return its cache
   * @throws TokenException (CONFIGURATION) when the configuration names no usable source
   */
  public TokenCache forConfig(TokenConfig config) throws TokenException {
    return forKey(config.cacheKey());
  }

  private TokenCache forKey(TokenConfig config) throws TokenException {
    TokenCache cache = caches.get(config);
    if (cache != null && !cache.isClosed()) {
      return cache;
    }
    synchronized (caches) {
      cache = caches.get(config);
      if (cache != null && !cache.isClosed()) {
        return cache;
      }
      makeRoom();
      TokenCache created = create(config);
      caches.put(config, created);
      return created;
    }
  }

  private TokenCache create(TokenConfig config) throws TokenException {
    TokenSource source = KnownSecretsSource.wrap(sources.create(config), config);
    TokenCacheBuilder builder = TokenCache.builder(source)
        .label(TokenCaches.labelOf(config))
        .clockSkew(config.duration(JwtOption.CLOCK_SKEW).orElseThrow())
        .refreshAhead(RefreshAhead.parse(config.get(JwtOption.REFRESH_AHEAD).orElseThrow()))
        .fetchTimeout(config.duration(JwtOption.FETCH_TIMEOUT).orElseThrow())
        .listener(event -> dispatch(config, event));
    customizer.accept(builder);
    TokenCache[] self = new TokenCache[1];
    builder.closeWhenIdle(() -> caches.remove(config, self[0]));
    self[0] = builder.build();
    return self[0];
  }

  /**
   * At the cap, closes the least recently used caches: a twentieth of the cap at once, so that a stream of new
   * configurations costs one scan per batch rather than one per cache.
   */
  // guarded by caches
  private void makeRoom() {
    int max = maxCaches;
    if (caches.size() < max) {
      return;
    }
    if (capWarned.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, "jdbc-jwt: more than {0} token caches in use (one per distinct token configuration: "
          + "provider, jwt.* options and database user); the least recently used are closed and made again on "
          + "their next use. This usually means many distinct database users or options (a user per tenant or "
          + "request, options that change per connection); if that is intended, raise the limit with "
          + "TokenCaches.setMaxCaches(n)", max);
    }
    int excess = caches.size() - max + Math.max(1, max / 20);
    List<Map.Entry<TokenConfig, TokenCache>> oldest = caches.entrySet().stream()
        .sorted(Comparator.comparingLong(e -> e.getValue().lastUsedMillis())).limit(excess).toList();
    for (Map.Entry<TokenConfig, TokenCache> e : oldest) {
      caches.remove(e.getKey(), e.getValue());
      e.getValue().close();
    }
  }

  private void dispatch(TokenConfig config, TokenEvent event) {
    Listeners.notify(listeners, event);
    List<TokenListener> watching = watchers.get(config);
    if (watching != null) {
      Listeners.notify(watching, event);
    }
  }

  /**
   * The cap on live caches.
   *
   * @return the cap
   */
  public int maxCaches() {
    return maxCaches;
  }

  /**
   * Sets the cap on live caches (at least 1); takes effect when the next cache is created.
   *
   * @param max the cap
   */
  public void setMaxCaches(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("the maximum number of token caches must be at least 1 (got " + max + ")");
    }
    this.maxCaches = max;
  }

  /**
   * Adds a listener for the events of every cache, present and future.
   *
   * @param listener receives the events
   */
  public void addListener(TokenListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /**
   * Removes a listener added with {@link #addListener}; pass the same instance.
   *
   * @param listener the listener to remove
   */
  public void removeListener(TokenListener listener) {
    listeners.remove(listener);
  }

  /**
   * Adds a listener for the events of {@code config}'s cache, whichever cache serves it now or later (after an idle
   * close or an eviction): what a pool uses to soft-evict when its tokens are refused.
   *
   * @param config the token configuration to follow
   * @param listener receives its events
   */
  public void watch(TokenConfig config, TokenListener listener) {
    watchers.computeIfAbsent(config.cacheKey(), c -> new CopyOnWriteArrayList<>())
        .add(Objects.requireNonNull(listener));
  }

  /**
   * Removes a listener added with {@link #watch}; pass the same instance.
   *
   * @param config the token configuration
   * @param listener the listener to remove
   */
  public void unwatch(TokenConfig config, TokenListener listener) {
    watchers.computeIfPresent(config.cacheKey(), (c, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    });
  }

  /**
   * The live caches, for health checks and metrics.
   *
   * @return the caches that are not closed
   */
  public List<TokenCache> all() {
    return caches.values().stream().filter(c -> !c.isClosed()).toList();
  }

  /**
   * How many caches are live.
   *
   * @return the number of caches held
   */
  public int size() {
    return caches.size();
  }

  /** Closes and forgets every cache. */
  public void clear() {
    synchronized (caches) {
      caches.values().forEach(TokenCache::close);
      caches.clear();
    }
  }
}
