package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.jdbcjwt.jdbc.internal.TokenCacheLookup;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
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
  private volatile Duration minTokenLife = Duration.ZERO;

  private JwtCredentialsProvider(String user, Object described, CacheSource caches) {
    this.user = user;
    this.description = String.valueOf(described);
    this.caches = caches;
  }

  /** A provider whose tokens come from {@code cache} (tests on a fake clock). */
  static JwtCredentialsProvider over(String user, TokenCache cache) {
    return new JwtCredentialsProvider(user, cache, () -> cache);
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
    return new JwtCredentialsProvider(user, config, () -> TokenCacheLookup.forConfig(config));
  }

  @Override
  public Credentials getCredentials() {
    try {
      // looked up each time (one hash lookup per physical connection): an idle cache may have been closed
      return Credentials.of(user, fetch(cache(), minTokenLife).value().reveal());
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

  /** Each new connection gets a token usable for at least this long ({@link JwtHikari#configure}); zero for any. */
  void minTokenLife(Duration minTokenLife) {
    this.minTokenLife = Objects.requireNonNull(minTokenLife, "minTokenLife");
  }

  Duration minTokenLife() {
    return minTokenLife;
  }

  private static Token fetch(TokenCache cache, Duration minRemaining) throws TokenException {
    return cache.fetch(minRemaining);
  }

  @Override
  public String toString() {
    return "JwtCredentialsProvider[user=" + user + ", " + description + "]";
  }
}
