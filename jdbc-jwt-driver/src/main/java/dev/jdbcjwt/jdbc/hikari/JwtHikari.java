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
 * Tunes a HikariCP configuration to the lifetime of its tokens ({@code L}): {@code maxLifetime} at most
 * {@code L/2 - jwt.clockSkew - jitter} (never above what was configured, never below Hikari's 30 s floor), a keepalive
 * below that, and every new connection asks for a token usable for its whole {@code maxLifetime}
 * ({@code jwt.minTokenLife}), so that no connection is retired early for its token and the token cache makes at most
 * two identity-provider requests per token lifetime. Works for a {@code jdbc:jwt:} URL and for a configuration whose
 * credentials provider is a {@link JwtCredentialsProvider}.
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
  /** The option the pool sets for its connections. */
  static final String MIN_TOKEN_LIFE = dev.jdbcjwt.token.config.JwtOption.MIN_TOKEN_LIFE.key();

  private JwtHikari() {
  }

  /**
   * Sets {@code maxLifetime} and {@code keepaliveTime} from the lifetime of the token this configuration gets (one
   * token is obtained now, and cached for the pool's first connections).
   *
   * @return {@code config}, for chaining
   * @param config a configuration with a {@code jdbc:jwt:} URL, or with a {@link JwtCredentialsProvider}
   * @throws SQLException (HY000) for bad options, (08001) when no token can be obtained
   */
  public static HikariConfig configure(HikariConfig config) throws SQLException {
    return configure(config, TokenCaches.registry());
  }

  /** As {@link #configure(HikariConfig)} with the caches and the time ("now") of {@code caches}; for tests. */
  static HikariConfig configure(HikariConfig config, TokenCacheRegistry caches) throws SQLException {
    TokenCache ours = CredentialsProviderRoute.cacheOf(config);
    TokenCache cache = ours != null ? ours : TokenCacheLookup.forConfig(tokenConfig(config), caches);
    try {
      Token token = cache.fetch();
      apply(config, token, cache.clockSkew(), caches.time().clock().instant());
    } catch (dev.jdbcjwt.token.TokenException e) {
      LOG.log(Level.WARNING, "jdbc-jwt: {0}: no token yet ({1}); maxLifetime left at {2}", poolName(config),
          e.getMessage(), Durations.format(Duration.ofMillis(config.getMaxLifetime())));
    }
    return config;
  }

  /**
   * The settings for tokens like {@code token} ({@link PoolLifetimes}): {@code maxLifetime}, {@code keepaliveTime},
   * and the token life each new connection asks for; package-visible for tests.
   *
   * @return the plan applied; empty when the token's lifetime is unknown (the configuration is left alone)
   */
  static java.util.Optional<PoolLifetimes> apply(HikariConfig config, Token token, Duration clockSkew, Instant now) {
    if (!token.hasKnownExpiry()) {
      return java.util.Optional.empty();
    }
    Instant issued = token.issuedAt().filter(i -> !i.isAfter(now)).orElse(now);
    Duration lifetime = Duration.between(issued, token.expiresAt());
    Duration configured = Duration.ofMillis(config.getMaxLifetime());
    boolean own = ownMinimum(config);
    PoolLifetimes plan = own ? PoolLifetimes.withOwnMinimum(lifetime, clockSkew, configured)
        : PoolLifetimes.plan(lifetime, clockSkew, configured);
    config.setMaxLifetime(plan.maxLifetime().toMillis());
    config.setKeepaliveTime(plan.keepalive().toMillis());
    askMinTokenLife(config, plan.minTokenLife());
    if (!own && !plan.coversMaxLifetime()) {
      LOG.log(Level.WARNING, "jdbc-jwt: {0}: tokens live {1}, too short for connections to keep one for HikariCP''s "
          + "30s minimum maxLifetime at two token requests per lifetime; a connection opened late in a token''s life "
          + "is retired when its token expires instead (on borrow and through isValid)", poolName(config),
          Durations.format(lifetime));
    }
    LOG.log(Level.DEBUG, "jdbc-jwt: {0}: maxLifetime {1}, keepaliveTime {2}, jwt.minTokenLife {3} for tokens "
        + "living {4}", poolName(config), Durations.format(plan.maxLifetime()), Durations.format(plan.keepalive()),
        Durations.format(plan.minTokenLife()), Durations.format(lifetime));
    return java.util.Optional.of(plan);
  }

  /**
   * Each new connection asks for at least {@code minTokenLife} of usable token life ({@code jwt.minTokenLife}); through
   * the credentials provider when the pool has ours.
   */
  private static void askMinTokenLife(HikariConfig config, Duration minTokenLife) {
    if (CredentialsProviderRoute.askMinTokenLife(config, minTokenLife) || minTokenLife.isZero()) {
      return;
    }
    if (config.getDataSource() instanceof ParsedDataSource parsed) {
      parsed.askMinTokenLife(minTokenLife);
    } else {
      config.addDataSourceProperty(MIN_TOKEN_LIFE, minTokenLife.toSeconds() + "s");
    }
  }

  /** Whether the application set {@code jwt.minTokenLife} itself (data source property, URL, provider options). */
  private static boolean ownMinimum(HikariConfig config) {
    if (config.getDataSourceProperties().containsKey(MIN_TOKEN_LIFE) || CredentialsProviderRoute.givesMinimum(config)) {
      return true;
    }
    if (config.getDataSource() instanceof ParsedDataSource parsed) {
      return parsed.tokenConfig().has(dev.jdbcjwt.token.config.JwtOption.MIN_TOKEN_LIFE);
    }
    String url = config.getJdbcUrl();
    try {
      return url != null && JwtUrl.accepts(url) && JwtUrl.parse(url).jwtOptions().containsKey(MIN_TOKEN_LIFE);
    } catch (SQLException e) {
      return false; // the connect reports a bad URL
    }
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
