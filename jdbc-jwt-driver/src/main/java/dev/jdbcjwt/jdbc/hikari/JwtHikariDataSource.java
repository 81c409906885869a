package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.jdbc.internal.TokenCacheLookup;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.cache.TokenListener;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A {@link HikariDataSource} for {@code jdbc:jwt:} URLs that never hands out a connection whose token has expired:
 * <ul>
 *   <li>{@code maxLifetime} and {@code keepaliveTime} are tuned to the token lifetime, and every new connection gets a
 *       token usable for its whole {@code maxLifetime} ({@link JwtHikari}, {@link PoolLifetimes});</li>
 *   <li>on borrow, a connection whose token is within {@code jwt.clockSkew} of expiry is evicted and another one
 *       taken (for tokens shorter than Hikari's 30 s {@code maxLifetime} floor, and for busy connections that Hikari
 *       does not re-validate);</li>
 *   <li>when the database refuses a token (revoked, key rotated), the pool is soft-evicted, so every connection is
 *       replaced with one logged in with a fresh token.</li>
 * </ul>
 * Works as a drop-in: {@code new JwtHikariDataSource(config)}, or the no-argument constructor with setters (as Spring
 * Boot creates it with {@code spring.datasource.type}). Before the pool starts, the {@code jdbc:jwt:} URL's options and
 * the {@code jwt.*} data source properties move into the DataSource that HikariCP connects through
 * ({@link #getDataSource()}, which holds them parsed, secrets as {@code Secret}): HikariCP, which prints its
 * configuration at DEBUG, then holds no secret of ours; its {@code jdbcUrl} keeps the URL without {@code jwt.*}
 * options.
 */
public class JwtHikariDataSource extends HikariDataSource {

  private final java.util.concurrent.atomic.AtomicLong evictedForExpiry = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean prepared;
  private volatile TokenConfig tokenConfig;
  private final TokenListener evictOnInvalidation = this::onTokenEvent;

  /** A pool configured later through its setters, as HikariCP's own no-argument constructor. */
  public JwtHikariDataSource() {
    super();
  }

  /**
   * A pool for {@code config}, configured and started now.
   *
   * @param config a configuration with a {@code jdbc:jwt:} URL
   */
  public JwtHikariDataSource(HikariConfig config) {
    super(prepare(config));
    copyStateTo(config); // validated, as HikariDataSource(config) leaves it (pool name, corrected settings)
    this.prepared = true;
    watch(config);
  }

  private static HikariConfig prepare(HikariConfig config) {
    try {
      ParsedDataSource.install(config);
      return JwtHikari.configure(config);
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private void watch(HikariConfig config) {
    try {
      TokenConfig c = JwtHikari.tokenConfig(config);
      // watched through the registry: the listener follows the configuration when an idle cache is made again
      TokenCaches.watch(c, evictOnInvalidation);
      tokenConfig = c;
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (!prepared) {
      prepareOnce();
    }
    int attempts = Math.max(2, getMaximumPoolSize() + 1);
    for (int i = 0; i < attempts; i++) {
      Connection c = super.getConnection();
      if (!expired(c)) {
        return c;
      }
      evictedForExpiry.incrementAndGet();
      evictConnection(c);
    }
    return super.getConnection();
  }

  /**
   * How many connections were retired on borrow because their token had expired.
   *
   * @return the number of connections retired so far
   */
  public long evictedForExpiry() {
    return evictedForExpiry.get();
  }

  /**
   * The usable token life each new connection of this pool asks for ({@code jwt.minTokenLife}), as the pool's tuning
   * chose it from the token lifetime and {@code maxLifetime}.
   *
   * @return the minimum; empty before the pool is configured, when the token's lifetime is unknown, or when the
   *     application set {@code jwt.minTokenLife} itself
   */
  public java.util.Optional<java.time.Duration> minTokenLife() {
    return getDataSource() instanceof ParsedDataSource parsed ? parsed.minTokenLife() : java.util.Optional.empty();
  }

  /**
   * The token cache this pool's connections log in with, once the pool is configured.
   *
   * @return the cache; empty before the pool is configured
   */
  public java.util.Optional<TokenCache> tokenCache() {
    TokenConfig c = tokenConfig;
    if (c == null) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(TokenCacheLookup.forConfig(c));
    } catch (SQLException e) {
      return java.util.Optional.empty();
    }
  }

  private synchronized void prepareOnce() throws SQLException {
    if (!prepared) {
      ParsedDataSource.install(this); // before HikariCP prints the configuration, in super.getConnection()
      JwtHikari.configure(this);
      watch(this);
      prepared = true;
    }
  }

  private static boolean expired(Connection c) throws SQLException {
    return c.isWrapperFor(TokenConnection.class) && c.unwrap(TokenConnection.class).isTokenExpired();
  }

  private void onTokenEvent(TokenEvent event) {
    if (event.type() == TokenEvent.Type.INVALIDATED && isRunning()) {
      HikariPoolMXBean pool = getHikariPoolMXBean();
      if (pool != null) {
        pool.softEvictConnections();
      }
    }
  }

  @Override
  public void close() {
    TokenConfig c = tokenConfig;
    if (c != null) {
      TokenCaches.unwatch(c, evictOnInvalidation);
    }
    super.close();
  }
}
