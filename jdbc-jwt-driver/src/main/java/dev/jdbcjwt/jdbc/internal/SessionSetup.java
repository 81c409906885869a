package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What happens on a new physical connection right after login, in one statement: {@code jwt.roleClaim} switches to
 * the role the token names, {@code jwt.sessionClaims} publishes the token's claims for row-level security. Values
 * are bound as parameters (PostgreSQL) or quoted as identifiers (other databases), never pasted into SQL; a driver
 * that cannot quote identifiers (blank or null quote string) is refused. Role names are checked first (no control or
 * format characters, at most {@value #MAX_ROLE_LENGTH} characters, and 63 bytes on PostgreSQL, which would otherwise
 * cut a longer name to a different one). Published claim names are lower case, as PostgreSQL folds setting names,
 * and a claim set whose names collide once folded is refused.
 */
public final class SessionSetup {

  private static final SessionSetup NONE = new SessionSetup(Optional.empty(), false);
  static final int MAX_ROLE_LENGTH = 128;
  private static final int POSTGRES_MAX_NAME_BYTES = 63;
  private static final Pattern PUBLISHED_NAME = Pattern.compile("[A-Za-z0-9_]+");

  private final Optional<String> roleClaim;
  private final boolean sessionClaims;

  private SessionSetup(Optional<String> roleClaim, boolean sessionClaims) {
    this.roleClaim = roleClaim;
    this.sessionClaims = sessionClaims;
  }

  public static SessionSetup of(TokenConfig config) {
    Optional<String> role = config.get(JwtOption.ROLE_CLAIM);
    boolean claims = config.bool(JwtOption.SESSION_CLAIMS);
    return role.isEmpty() && !claims ? NONE : new SessionSetup(role, claims);
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  /** Runs the set-up on {@code c}; on failure closes {@code c} and throws a message naming the option. */
  public void apply(Connection c, Token token, String user) throws SQLException {
    try {
      boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
      Optional<String> role = roleClaim.isPresent() ? Optional.of(checkedRole(token, postgres)) : Optional.empty();
      if (postgres) {
        applyPostgres(c, token, role);
      } else {
        if (sessionClaims) {
          throw Errors.configuration(JwtOption.SESSION_CLAIMS.key() + "=true works with PostgreSQL only; this "
              + "database is " + c.getMetaData().getDatabaseProductName());
        }
        if (role.isPresent()) {
          String q = quoteOf(c);
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

  /** The driver's identifier quote; refused when it has none (" " per the JDBC spec, or null). */
  private static String quoteOf(Connection c) throws SQLException {
    String q = c.getMetaData().getIdentifierQuoteString();
    if (q == null || q.isBlank()) {
      throw Errors.configuration(JwtOption.ROLE_CLAIM.key() + " needs a driver that quotes identifiers, and the "
          + c.getMetaData().getDatabaseProductName() + " driver has no identifier quote string, so the role "
          + "could not be named safely; leave " + JwtOption.ROLE_CLAIM.key() + " out for this database");
    }
    return q.strip();
  }

  /** The role the token names, checked: no control or format characters, not too long for the database. */
  private String checkedRole(Token token, boolean postgres) throws SQLException {
    String role = roleOf(token);
    String claim = roleClaim.orElseThrow();
    String problem = null;
    if (role.codePoints().anyMatch(SessionSetup::isControlOrFormat)) {
      problem = "control or invisible formatting characters";
    } else if (role.length() > MAX_ROLE_LENGTH) {
      problem = "more than " + MAX_ROLE_LENGTH + " characters";
    } else if (postgres && role.getBytes(StandardCharsets.UTF_8).length > POSTGRES_MAX_NAME_BYTES) {
      problem = "more than " + POSTGRES_MAX_NAME_BYTES + " bytes, PostgreSQL's longest name (it would cut it to "
          + "another name)";
    }
    if (problem != null) {
      throw Errors.configuration("the token's " + claim + " claim (" + JwtOption.ROLE_CLAIM.key() + ") names a "
          + "role with " + problem + "; have the identity provider issue a plain role name");
    }
    return role;
  }

  private static boolean isControlOrFormat(int cp) {
    return Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
        || cp == 0x2028 || cp == 0x2029;
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
      refuseFoldedCollisions(token.claims().keySet());
      for (Map.Entry<String, Object> e : token.claims().entrySet()) {
        if (e.getValue() instanceof String text && PUBLISHED_NAME.matcher(e.getKey()).matches()) {
          params.add("request.jwt.claim." + e.getKey().toLowerCase(Locale.ROOT));
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

  /**
   * PostgreSQL folds setting names to lower case, so {@code Tenant} and {@code tenant} would publish one setting and
   * a lower-trust claim could shadow the one a policy reads. Names only in the message: values may be secrets.
   */
  private static void refuseFoldedCollisions(Set<String> claimNames) throws SQLException {
    Map<String, String> seen = new TreeMap<>();
    for (String name : new TreeSet<>(claimNames)) {
      if (!PUBLISHED_NAME.matcher(name).matches()) {
        continue;
      }
      String other = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (other != null) {
        throw Errors.configuration(JwtOption.SESSION_CLAIMS.key() + "=true: the token's claims '" + other + "' and '"
            + name + "' differ only in case, and PostgreSQL folds setting names to lower case, so one would "
            + "shadow the other in request.jwt.claim." + name.toLowerCase(Locale.ROOT) + "; have the identity "
            + "provider issue only one of them");
      }
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
