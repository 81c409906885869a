package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.jdbcjwt.jdbc.internal.TokenCacheLookup;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.MinTokenLife;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * HikariCP 7's credentials provider backed by a jdbc-jwt token cache, for applications that keep a plain vendor URL
 * ({@code jdbc:postgresql://…}): Hikari asks it for the user and password before every new physical connection and
 * gets the current token as the password. Connections are then the vendor's own (no expiry-aware wrapper): call
 * {@link JwtHikari#configure(HikariConfig)} on the configuration, which tunes {@code maxLifetime} to the token lifetime
 * and has this provider hand every new connection a token usable for its whole {@code maxLifetime}.
 *
 * <pre>
 * config.setCredentialsProvider(JwtCredentialsProvider.of("app", Map.of(
 *     "jwt.provider", "file", "jwt.tokenFile", "/var/run/secrets/tokens/db")));
 * </pre>
 */
public final class JwtCredentialsProvider implements HikariCredentialsProvider {

  /** Where the cache comes from: the driver's registry, or (tests) a given cache. */
  interface CacheSource {
    TokenCache get() throws SQLException;
  }

  private final String user;
  private final String description; // the configuration's or cache's toString: no secret
  private final CacheSource caches;
  /** Whether the options set {@code jwt.minTokenLife}: then the pool's tuning leaves it alone. */
  private final boolean minimumGiven;
  private volatile MinTokenLife minimum;

  private JwtCredentialsProvider(String user, Object described, CacheSource caches, MinTokenLife minimum,
      boolean minimumGiven) {
    this.user = user;
    this.description = String.valueOf(described);
    this.caches = caches;
    this.minimum = minimum;
    this.minimumGiven = minimumGiven;
  }

  /** A provider whose tokens come from {@code cache} (tests on a fake clock), with no minimum until tuned. */
  static JwtCredentialsProvider over(String user, TokenCache cache) {
    return new JwtCredentialsProvider(user, cache, () -> cache, MinTokenLife.NONE, false);
  }

  /**
   * A provider for {@code user} with the given {@code jwt.*} options (validated now).
   *
   * @param user the database user
   * @param jwtOptions the {@code jwt.*} options, by name
   * @return the provider
   * @throws SQLException (HY000) when an option is missing or invalid
   */
  public static JwtCredentialsProvider of(String user, Map<String, String> jwtOptions) throws SQLException {
    TokenConfig config = TokenCacheLookup.configOf(jwtOptions, Objects.requireNonNull(user, "user"));
    TokenCacheLookup.forConfig(config); // creates the cache, so its source is checked now
    MinTokenLife minimum = MinTokenLife.of(config.shareOrDuration(JwtOption.MIN_TOKEN_LIFE).orElseThrow());
    return new JwtCredentialsProvider(user, config, () -> TokenCacheLookup.forConfig(config), minimum,
        jwtOptions.containsKey(JwtOption.MIN_TOKEN_LIFE.key()));
  }

  @Override
  public Credentials getCredentials() {
    try {
      // looked up each time (one hash lookup per physical connection): an idle cache may have been closed
      return Credentials.of(user, cache().fetch(minimum).value().reveal());
    } catch (SQLException e) {
      throw new IllegalStateException("jdbc-jwt: no token cache for user '" + user + "': " + e.getMessage(), e);
    } catch (TokenException e) {
      // Hikari surfaces this as a failed connection attempt and retries.
      throw new IllegalStateException("jdbc-jwt: no token could be obtained for user '" + user + "': "
          + e.getMessage(), e);
    }
  }

  /** The cache this provider's tokens come from (looked up each time: an idle cache may have been closed). */
  TokenCache cache() throws SQLException {
    return caches.get();
  }

  /**
   * Each new connection gets a token usable for at least this long ({@link JwtHikari#configure}), unless the options
   * set {@code jwt.minTokenLife} themselves.
   */
  void minTokenLife(Duration minTokenLife) {
    if (!minimumGiven) {
      this.minimum = MinTokenLife.of(minTokenLife);
    }
  }

  boolean minimumGiven() {
    return minimumGiven;
  }

  /** The usable token life each new connection asks for ({@code jwt.minTokenLife}, or the pool's tuning). */
  MinTokenLife minimum() {
    return minimum;
  }

  @Override
  public String toString() {
    return "JwtCredentialsProvider[user=" + user + ", " + description + "]";
  }
}
