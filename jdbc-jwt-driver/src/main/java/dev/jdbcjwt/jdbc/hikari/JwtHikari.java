package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.internal.JwtUrl;
import dev.jdbcjwt.jdbc.internal.TokenCacheLookup;
import dev.jdbcjwt.jdbc.internal.UrlPolicy;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCacheRegistry;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.TokenConfig;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * Tunes a HikariCP configuration to the lifetime of its tokens: {@code maxLifetime} below the token's usable
 * lifetime (never above what was configured, never below Hikari's 30 s floor) and a keepalive below that.
 *
 * <pre>
 * HikariConfig config = new HikariConfig();
 * config.setJdbcUrl("jdbc:jwt:postgresql://db/app?sslmode=verify-full");
 * config.addDataSourceProperty("jwt.provider", "file");
 * config.addDataSourceProperty("jwt.tokenFile", "/var/run/secrets/tokens/db");
 * JwtHikari.configure(config);
 * </pre>
 * {@link JwtHikariDataSource} does this itself and also retires connections on borrow and on token invalidation.
 */
public final class JwtHikari {

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.jdbc");
  /** Hikari resets a maxLifetime below this to its default. */
  static final Duration HIKARI_FLOOR = Duration.ofSeconds(30);
  static final Duration HIKARI_KEEPALIVE_DEFAULT = Duration.ofMinutes(2);

  private JwtHikari() {
  }

  /**
   * Sets {@code maxLifetime} and {@code keepaliveTime} from the lifetime of the token this configuration gets (one
   * token is obtained now, and cached for the pool's first connections).
   *
   * @return {@code config}, for chaining
   * @param config a configuration with a {@code jdbc:jwt:} URL
   * @throws SQLException (HY000) for bad options, (08001) when no token can be obtained
   */
  public static HikariConfig configure(HikariConfig config) throws SQLException {
    return configure(config, TokenCaches.registry());
  }

  /** As {@link #configure(HikariConfig)} with the caches and the time ("now") of {@code caches}; for tests. */
  static HikariConfig configure(HikariConfig config, TokenCacheRegistry caches) throws SQLException {
    TokenCache cache = TokenCacheLookup.forConfig(tokenConfig(config), caches);
    try {
      Token token = cache.fetch();
      apply(config, token, cache.clockSkew(), caches.time().clock().instant());
    } catch (dev.jdbcjwt.token.TokenException e) {
      LOG.log(Level.WARNING, "jdbc-jwt: {0}: no token yet ({1}); maxLifetime left at {2}", poolName(config),
          e.getMessage(), Durations.format(Duration.ofMillis(config.getMaxLifetime())));
    }
    return config;
  }

  /** The settings for tokens like {@code token}; package-visible for tests. */
  static void apply(HikariConfig config, Token token, Duration clockSkew, Instant now) {
    if (!token.hasKnownExpiry()) {
      return;
    }
    Instant issued = token.issuedAt().filter(i -> !i.isAfter(now)).orElse(now);
    Duration usable = Duration.between(issued, token.expiresAt()).minus(clockSkew);
    Duration margin = usable.dividedBy(10).compareTo(Duration.ofSeconds(5)) > 0
        ? usable.dividedBy(10) : Duration.ofSeconds(5);
    Duration wanted = usable.minus(margin);
    Duration configured = Duration.ofMillis(config.getMaxLifetime());
    Duration maxLifetime;
    if (wanted.compareTo(HIKARI_FLOOR) < 0) {
      maxLifetime = HIKARI_FLOOR;
      LOG.log(Level.WARNING, "jdbc-jwt: {0}: tokens live {1} (usable {2}), less than HikariCP''s 30s minimum "
          + "maxLifetime allows; connections are retired when their token expires instead (on borrow and through "
          + "isValid)", poolName(config), Durations.format(Duration.between(issued, token.expiresAt())),
          Durations.format(usable));
    } else {
      maxLifetime = configured.isZero() || wanted.compareTo(configured) < 0 ? wanted : configured;
    }
    config.setMaxLifetime(maxLifetime.toMillis());
    Duration keepalive = maxLifetime.dividedBy(2);
    if (keepalive.compareTo(HIKARI_KEEPALIVE_DEFAULT) > 0) {
      keepalive = HIKARI_KEEPALIVE_DEFAULT;
    }
    config.setKeepaliveTime(keepalive.compareTo(HIKARI_FLOOR) < 0 ? 0 : keepalive.toMillis());
    LOG.log(Level.DEBUG, "jdbc-jwt: {0}: maxLifetime {1}, keepaliveTime {2} for tokens usable {3}",
        poolName(config), Durations.format(maxLifetime), Durations.format(Duration.ofMillis(config.getKeepaliveTime())),
        Durations.format(usable));
  }

  /**
   * Declares this pool's {@code jdbcUrl} the application's own configuration (for this pool only, not JVM-wide): its
   * {@code jwt.*} options move into the data source properties, where every option is honoured, and the URL keeps
   * only the vendor's part. The options keep the driver's precedence: a URL-allowed option of the URL replaces the
   * property, an application-only one never does. For code that builds a pool from its own configuration file;
   * never for a URL a user typed. Spring Boot's starter does this for the pools it configures.
   *
   * @return {@code config}, for chaining
   * @param config a configuration with a {@code jdbc:jwt:} URL
   * @throws SQLException (HY000) when the URL's options are invalid
   */
  public static HikariConfig trustUrl(HikariConfig config) throws SQLException {
    String url = config.getJdbcUrl();
    if (url != null && JwtUrl.accepts(url)) {
      config.setJdbcUrl(UrlPolicy.moveIntoProperties(url, config.getDataSourceProperties(), true));
    }
    return config;
  }

  /**
   * The token configuration of {@code config}: that of the DataSource {@link JwtHikariDataSource} gave it, else that of
   * its URL and data source properties.
   */
  static TokenConfig tokenConfig(HikariConfig config) throws SQLException {
    if (config.getDataSource() instanceof ParsedDataSource parsed) {
      return parsed.tokenConfig();
    }
    return TokenCacheLookup.configFor(config.getJdbcUrl(), connectionProperties(config));
  }

  static Properties connectionProperties(HikariConfig config) {
    Properties p = new Properties();
    p.putAll(config.getDataSourceProperties());
    if (config.getUsername() != null) {
      p.setProperty("user", config.getUsername());
    }
    return p;
  }

  private static String poolName(HikariConfig config) {
    return config.getPoolName() != null ? config.getPoolName() : "HikariCP pool";
  }
}
