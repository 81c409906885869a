package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.token.cache.TokenCache;

import java.sql.SQLException;
import java.time.Duration;

/**
 * {@link JwtHikari}'s side of HikariCP 7's credentials provider route, in a class of its own: HikariCP 6 has no
 * credentials provider, and this class (which names {@link JwtCredentialsProvider}) is loaded only where it has.
 */
final class CredentialsProviderRoute {

  /** Whether the HikariCP on the class path has credentials providers (7.0+). */
  static final boolean AVAILABLE = present("com.zaxxer.hikari.HikariCredentialsProvider");

  private CredentialsProviderRoute() {
  }

  /** The cache of {@code config}'s credentials provider if it is ours, else null. */
  static TokenCache cacheOf(HikariConfig config) throws SQLException {
    return AVAILABLE && config.getCredentialsProvider() instanceof JwtCredentialsProvider p ? p.cache() : null;
  }

  /** Whether {@code config}'s credentials provider is ours and its options set {@code jwt.minTokenLife}. */
  static boolean givesMinimum(HikariConfig config) {
    return AVAILABLE && config.getCredentialsProvider() instanceof JwtCredentialsProvider p && p.minimumGiven();
  }

  /** Has {@code config}'s credentials provider, if it is ours, ask for {@code minTokenLife}; false if it is not. */
  static boolean askMinTokenLife(HikariConfig config, Duration minTokenLife) {
    if (AVAILABLE && config.getCredentialsProvider() instanceof JwtCredentialsProvider p) {
      p.minTokenLife(minTokenLife);
      return true;
    }
    return false;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, HikariConfig.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
