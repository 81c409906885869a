package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One {@link TokenCache} per distinct token configuration, shared by every connection and DataSource in the JVM that
 * uses it. Different configurations never share tokens. Listeners added here see the events of every cache.
 */
public final class TokenCaches {

  private static final Map<TokenConfig, TokenCache> CACHES = new ConcurrentHashMap<>();
  private static final List<TokenListener> LISTENERS = new CopyOnWriteArrayList<>();
  private static final TokenListener FAN_OUT = TokenCaches::fanOut;

  private TokenCaches() {
  }

  /** The shared cache for {@code config}, created (and its source validated) on first use. */
  public static TokenCache forConfig(TokenConfig config) throws TokenException {
    TokenCache cache = CACHES.get(config);
    if (cache != null) {
      return cache;
    }
    synchronized (CACHES) {
      cache = CACHES.get(config);
      if (cache == null) {
        cache = TokenCache.builder(TokenSources.create(config))
            .label(labelOf(config))
            .clockSkew(config.duration(JwtOption.CLOCK_SKEW).orElseThrow())
            .refreshAhead(RefreshAhead.parse(config.get(JwtOption.REFRESH_AHEAD).orElseThrow()))
            .fetchTimeout(config.duration(JwtOption.FETCH_TIMEOUT).orElseThrow())
            .listener(FAN_OUT)
            .build();
        CACHES.put(config, cache);
      }
      return cache;
    }
  }

  /**
   * "provider 'signed' for user 'app' (issuer https://idp)": what logs, events and health checks call a cache; the
   * first of issuer, token endpoint, client id, token file or command tells apart caches of one provider and user.
   * Never a secret.
   */
  static String labelOf(TokenConfig config) {
    String where = java.util.stream.Stream.of(JwtOption.ISSUER, JwtOption.TOKEN_ENDPOINT, JwtOption.CLIENT_ID,
            JwtOption.TOKEN_FILE, JwtOption.COMMAND)
        .filter(o -> config.options().containsKey(o.key()))
        .findFirst()
        .map(o -> " (" + o.key().substring(JwtOption.PREFIX.length()) + " " + firstWord(config.options().get(o.key()))
            + ")")
        .orElse("");
    return "provider '" + config.get(JwtOption.PROVIDER).orElse("?") + "'"
        + config.user().map(u -> " for user '" + u + "'").orElse("") + where;
  }

  /** A command's program only: its arguments may carry secrets. */
  private static String firstWord(String value) {
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space) + " …";
  }

  /** Every listener sees the event, even when one before it throws. */
  static void fanOut(TokenEvent event) {
    for (TokenListener listener : LISTENERS) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException ignored) {
        // one broken listener must not hide events from the others (nor break the cache)
      }
    }
  }

  /** Adds a listener for the events of every cache, present and future. */
  public static void addListener(TokenListener listener) {
    LISTENERS.add(listener);
  }

  /**
   * Removes a listener added with {@link #addListener}; pass the same instance (a method reference written twice,
   * such as {@code list::add}, is two different listeners).
   */
  public static void removeListener(TokenListener listener) {
    LISTENERS.remove(listener);
  }

  /** The caches in use, for health checks and metrics. */
  public static List<TokenCache> all() {
    return List.copyOf(CACHES.values());
  }

  /** Closes and forgets every cache (for redeploying applications and for tests). */
  public static void clear() {
    synchronized (CACHES) {
      CACHES.values().forEach(TokenCache::close);
      CACHES.clear();
    }
  }

  /**
   * Closes every cache and stops the shared refresh threads, for application servers that redeploy: afterwards no
   * thread of this library runs and no class loader is held.
   *
   * @return true if the threads stopped within {@code wait}
   */
  public static boolean shutdown(Duration wait) throws InterruptedException {
    clear();
    return SharedScheduler.shutdown(wait);
  }
}
