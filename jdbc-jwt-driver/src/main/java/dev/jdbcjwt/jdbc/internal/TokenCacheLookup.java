package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;

import java.sql.SQLException;
import java.util.Properties;

/** The shared token cache that a {@code jdbc:jwt:} URL and its properties use, for pool integrations. */
public final class TokenCacheLookup {

  private TokenCacheLookup() {
  }

  public static TokenCache forUrl(String url, Properties info) throws SQLException {
    if (!JwtUrl.accepts(url)) {
      throw Errors.configuration("expected a jdbc:jwt: URL, got one starting with '"
          + (url == null ? "null" : url.substring(0, Math.min(url.length(), 12))) + "'");
    }
    ConnectionRequest request = ConnectionRequest.parse(url, info);
    try {
      return TokenCaches.forConfig(request.tokenConfig());
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }

  /** The token configuration of a {@code jdbc:jwt:} URL and its properties, for pools that watch its cache. */
  public static dev.jdbcjwt.token.config.TokenConfig configFor(String url, Properties info) throws SQLException {
    if (!JwtUrl.accepts(url)) {
      throw Errors.configuration("expected a jdbc:jwt: URL, got one starting with '"
          + (url == null ? "null" : url.substring(0, Math.min(url.length(), 12))) + "'");
    }
    return ConnectionRequest.parse(url, info).tokenConfig();
  }

  /** The shared cache of {@code config} (made again if it closed while idle). */
  public static TokenCache forConfig(dev.jdbcjwt.token.config.TokenConfig config) throws SQLException {
    return forConfig(config, TokenCaches.registry());
  }

  /** The cache of {@code config} in {@code caches}. */
  public static TokenCache forConfig(dev.jdbcjwt.token.config.TokenConfig config,
      dev.jdbcjwt.token.cache.TokenCacheRegistry caches) throws SQLException {
    try {
      return caches.forConfig(config);
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }

  /** The configuration of a plain option map (no URL), validated now. */
  public static dev.jdbcjwt.token.config.TokenConfig configOf(java.util.Map<String, String> jwtOptions, String user)
      throws SQLException {
    try {
      return dev.jdbcjwt.token.config.TokenConfig.of(jwtOptions, user);
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }

  /** The cache of a plain option map (no URL), for credentials providers that keep a vendor URL. */
  public static TokenCache forOptions(java.util.Map<String, String> jwtOptions, String user) throws SQLException {
    try {
      return TokenCaches.forConfig(dev.jdbcjwt.token.config.TokenConfig.of(jwtOptions, user));
    } catch (TokenException e) {
      throw Errors.of(e);
    }
  }
}
