package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.jdbc.internal.postgres.PostgresHooks;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.MinTokenLife;
import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCacheRegistry;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OnExpiry;
import dev.jdbcjwt.token.config.PostgresOAuthMode;
import dev.jdbcjwt.token.config.TokenConfig;

import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything {@code connect(url, info)} works out before it opens a connection: the parsed request, the vendor
 * driver, the credential injector, the session set-up, the clock skew, the on-expiry policy and the minimum token
 * life. A pool passes the same URL and properties on every connect, so plans are kept per URL and properties: after
 * the first connect, the driver's own work is a map lookup and a token cache hit (see docs/performance.md). At most
 * {@value #MAX_PLANS} plans are kept; beyond that the map starts over (an application with that many distinct URLs is
 * not pooling).
 *
 * <p>The token cache is looked up on every connect (one hash lookup), not kept here, so that
 * {@code TokenCaches.clear()} takes effect at once. Caches and time come from the plan's
 * {@link ConnectEnvironment} ({@link TokenCacheRegistry}, {@link Timekeeper}).
 */
public final class ConnectPlan {

  static final int MAX_PLANS = 256;
  private static final Map<Key, ConnectPlan> PLANS = new ConcurrentHashMap<>();

  private final ConnectionRequest request;
  private final Driver vendor;
  private final CredentialInjector injector;
  private final SessionSetup sessionSetup;
  private final Duration clockSkew;
  private final OnExpiry onExpiry;
  private final MinTokenLife minTokenLife;
  private final boolean needsTrustedUrl;
  private final PostgresHooks postgresHooks;
  private final TokenCacheRegistry caches;

  private ConnectPlan(ConnectionRequest request, Driver vendor, ConnectEnvironment env) throws SQLException {
    TokenConfig config = request.tokenConfig();
    TlsRule.check(request.url(), vendor, request.vendorProperties(), config, env.hosts());
    this.request = request;
    this.vendor = vendor;
    this.injector = new CredentialInjector(config);
    this.sessionSetup = SessionSetup.of(config);
    this.clockSkew = config.duration(JwtOption.CLOCK_SKEW).orElseThrow();
    this.onExpiry = config.choice(JwtOption.ON_EXPIRY, OnExpiry.class).orElseThrow();
    this.minTokenLife = MinTokenLife.of(config.shareOrDuration(JwtOption.MIN_TOKEN_LIFE).orElseThrow());
    this.needsTrustedUrl = request.needsTrustedUrl();
    this.postgresHooks = PostgresHooks.forVendor(vendor, request.url().vendorUrl(), request.vendorProperties(),
        config.choice(JwtOption.POSTGRES_OAUTH, PostgresOAuthMode.class).orElseThrow());
    this.caches = env.caches();
  }

  /** The plan for {@code url} and {@code info}: kept from an earlier connect with equal arguments, or made now. */
  public static ConnectPlan of(String url, Properties info) throws SQLException {
    return of(url, info, ConnectEnvironment.SYSTEM);
  }

  /**
   * As {@link #of(String, Properties)} in {@code env}. A new plan checks the TLS rule ({@link TlsRule}) before it is
   * kept, so a refused configuration never reaches the vendor driver and a kept plan needs no DNS lookup.
   */
  public static ConnectPlan of(String url, Properties info, ConnectEnvironment env) throws SQLException {
    Key key = new Key(url, snapshot(info), env);
    ConnectPlan plan = PLANS.get(key);
    if (plan != null && plan.needsTrustedUrl && !UrlTrust.trusted()) {
      plan = null; // URLs were trusted when it was made, and no longer are: parsing refuses it now
    }
    if (plan == null) {
      ConnectionRequest request = ConnectionRequest.parse(url, info);
      plan = new ConnectPlan(request, env.drivers().find(request.url()), env);
      if (PLANS.size() >= MAX_PLANS) {
        PLANS.clear();
      }
      PLANS.putIfAbsent(key, plan);
    }
    return plan;
  }

  /** Forgets every plan and the vendor drivers they hold (on deregistration, so no class loader is kept). */
  public static void forgetAll() {
    PLANS.clear();
  }

  static int size() {
    return PLANS.size();
  }

  private static Map<String, String> snapshot(Properties info) {
    if (info == null || info.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new HashMap<>();
    for (String name : info.stringPropertyNames()) {
      copy.put(name, info.getProperty(name));
    }
    return copy;
  }

  public ConnectionRequest request() {
    return request;
  }

  public Driver vendor() {
    return vendor;
  }

  public CredentialInjector injector() {
    return injector;
  }

  public SessionSetup sessionSetup() {
    return sessionSetup;
  }

  public Duration clockSkew() {
    return clockSkew;
  }

  public OnExpiry onExpiry() {
    return onExpiry;
  }

  /** The usable life a new connection's token should have left ({@code jwt.minTokenLife}). */
  public MinTokenLife minTokenLife() {
    return minTokenLife;
  }

  /** pgjdbc's OAUTHBEARER hooks, or null when the vendor driver is not pgjdbc. */
  public PostgresHooks postgresHooks() {
    return postgresHooks;
  }

  /** The clock, scheduler and executor of this plan's connections and caches. */
  public Timekeeper time() {
    return caches.time();
  }

  /** The shared token cache for this plan's options. */
  public TokenCache tokens() throws SQLException {
    try {
      return caches.forConfig(request.tokenConfig());
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }

  @Override
  public String toString() {
    return "ConnectPlan[jdbc:" + request.url().vendorScheme() + ":…, " + vendor.getClass().getName() + "]";
  }

  /** The URL, a copy of the string properties and the environment. Never printed: values may be secrets. */
  private record Key(String url, Map<String, String> properties, ConnectEnvironment env) {
    @Override
    public String toString() {
      return "Key[…]";
    }
  }
}
