package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happens on a new physical connection right after login, in one statement: {@code jwt.roleClaim} switches to
 * the role the token names, {@code jwt.sessionClaims} publishes the token's claims for row-level security. Values
 * are bound as parameters (PostgreSQL) or quoted as identifiers (other databases), never pasted into SQL.
 */
public final class SessionSetup {

  private static final SessionSetup NONE = new SessionSetup(Optional.empty(), false);

  private final Optional<String> roleClaim;
  private final boolean sessionClaims;

  private SessionSetup(Optional<String> roleClaim, boolean sessionClaims) {
    this.roleClaim = roleClaim;
    this.sessionClaims = sessionClaims;
  }

  public static SessionSetup of(TokenConfig config) {
    Optional<String> role = config.get(JwtOption.ROLE_CLAIM);
    boolean claims = Boolean.parseBoolean(config.get(JwtOption.SESSION_CLAIMS).orElse("false"));
    return role.isEmpty() && !claims ? NONE : new SessionSetup(role, claims);
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  /** Runs the set-up on {@code c}; on failure closes {@code c} and throws a message naming the option. */
  public void apply(Connection c, Token token, String user) throws SQLException {
    try {
      Optional<String> role = roleClaim.isPresent() ? Optional.of(roleOf(token)) : Optional.empty();
      if ("PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
        applyPostgres(c, token, role);
      } else {
        if (sessionClaims) {
          throw Errors.configuration(JwtOption.SESSION_CLAIMS.key() + "=true works with PostgreSQL only; this "
              + "database is " + c.getMetaData().getDatabaseProductName());
        }
        if (role.isPresent()) {
          String q = c.getMetaData().getIdentifierQuoteString().strip();
          try (Statement s = c.createStatement()) {
            s.execute("SET ROLE " + q + role.get().replace(q, q + q) + q);
          }
        }
      }
    } catch (SQLException e) {
      closeQuietly(c);
      if (e.getMessage() != null && e.getMessage().startsWith("jdbc-jwt:")) {
        throw e;
      }
      String role = roleClaim.isPresent() ? roleOf(token) : null;
      throw new SQLException("jdbc-jwt: setting up the session failed"
          + (role != null ? ": user '" + user + "' may not take role '" + role + "' named by the token's "
              + roleClaim.get() + " claim (" + JwtOption.ROLE_CLAIM.key() + ")" : "")
          + ". Database said: " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private String roleOf(Token token) throws SQLException {
    String claim = roleClaim.orElseThrow();
    Object v = token.claim(claim).orElse(null);
    if (v instanceof List<?> list && !list.isEmpty()) {
      v = list.get(0);
    }
    if (!(v instanceof String role) || role.isBlank()) {
      throw Errors.configuration(JwtOption.ROLE_CLAIM.key() + "=" + claim + " but the token has no such claim "
          + "naming a role; have the identity provider add it, or leave " + JwtOption.ROLE_CLAIM.key() + " out");
    }
    return role;
  }

  private void applyPostgres(Connection c, Token token, Optional<String> role) throws SQLException {
    List<String> params = new ArrayList<>();
    role.ifPresent(r -> {
      params.add("role");
      params.add(r);
    });
    if (sessionClaims) {
      params.add("request.jwt.claims");
      params.add(token.claimsJson().orElseThrow(() -> Errors.configuration(JwtOption.SESSION_CLAIMS.key()
          + "=true needs a JWT; this token is opaque")));
      for (Map.Entry<String, Object> e : token.claims().entrySet()) {
        if (e.getValue() instanceof String text && e.getKey().matches("[A-Za-z0-9_]+")) {
          params.add("request.jwt.claim." + e.getKey());
          params.add(text);
        }
      }
    }
    StringBuilder sql = new StringBuilder("select ");
    for (int i = 0; i < params.size(); i += 2) {
      sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, false)");
    }
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setString(i + 1, params.get(i));
      }
      ps.execute();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // the set-up error is what matters
    }
  }
}
