package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.jdbcjwt.jdbc.internal.TokenCacheLookup;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;

import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;

/**
 * HikariCP 7's credentials provider backed by a jdbc-jwt token cache, for applications that keep a plain vendor URL
 * ({@code jdbc:postgresql://…}): Hikari asks it for the user and password before every new physical connection and
 * gets the current token as the password. Connections are then the vendor's own (no expiry-aware wrapper); tune
 * {@code maxLifetime} below the token lifetime.
 *
 * <pre>
 * config.setCredentialsProvider(JwtCredentialsProvider.of("app", Map.of(
 *     "jwt.provider", "file", "jwt.tokenFile", "/var/run/secrets/tokens/db")));
 * </pre>
 */
public final class JwtCredentialsProvider implements HikariCredentialsProvider {

  private final String user;
  private final TokenCache cache;

  private JwtCredentialsProvider(String user, TokenCache cache) {
    this.user = user;
    this.cache = cache;
  }

  /** A provider for {@code user} with the given {@code jwt.*} options (validated now). */
  public static JwtCredentialsProvider of(String user, Map<String, String> jwtOptions) throws SQLException {
    return new JwtCredentialsProvider(Objects.requireNonNull(user, "user"),
        TokenCacheLookup.forOptions(jwtOptions, user));
  }

  @Override
  public Credentials getCredentials() {
    try {
      return Credentials.of(user, cache.fetch().value().reveal());
    } catch (TokenException e) {
      // Hikari surfaces this as a failed connection attempt and retries.
      throw new IllegalStateException("jdbc-jwt: no token could be obtained for user '" + user + "': "
          + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JwtCredentialsProvider[user=" + user + ", " + cache + "]";
  }
}
