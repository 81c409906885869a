package dev.jdbcjwt.jdbc.e2e;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.mariadb.MariaDbServer;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jwt.roleClaim and jwt.sessionClaims on the real PostgreSQL (and roleClaim on MariaDB). */
class SessionSetupTest {

  static final PostgresServer PG = PostgresServer.shared();

  @BeforeAll
  static void schema() throws Exception {
    PG.createTokenUser("rls_user");
    try (Connection c = PG.adminConnection(); Statement s = c.createStatement()) {
      s.execute("drop table if exists tenant_docs");
      s.execute("create table tenant_docs(tenant text, body text)");
      s.execute("insert into tenant_docs values ('acme', 'acme plan'), ('acme', 'acme budget'), ('globex', "
          + "'globex plan')");
      s.execute("alter table tenant_docs enable row level security");
      s.execute("create policy by_tenant on tenant_docs using "
          + "(tenant = current_setting('request.jwt.claims', true)::json->>'tenant')");
      s.execute("grant select on tenant_docs to rls_user");
      s.execute("do $$ begin if not exists (select from pg_roles where rolname = 'reporting') then "
          + "create role reporting nologin; end if; if not exists (select from pg_roles where rolname = "
          + "'auditors') then create role auditors nologin; end if; end $$");
      s.execute("grant reporting to rls_user");
    }
  }

  static Properties signed(String user, String... claims) {
    Properties p = RealDatabaseCases.signedBy(TestIssuer.shared(), user);
    for (int i = 0; i < claims.length; i += 2) {
      p.setProperty("jwt.claim." + claims[i], claims[i + 1]);
    }
    return p;
  }

  static String pgUrl(String options) {
    return "jdbc:jwt:" + PG.vendorUrl() + "?sslmode=disable" + options;
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void rowLevelSecurityFollowsTheTenantClaimThroughPools() throws Exception {
    TokenCaches.clear();
    List<String> acme;
    List<String> globex;
    try (JwtHikariDataSource a = pool(signed("rls_user", "tenant", "acme"));
         JwtHikariDataSource g = pool(signed("rls_user", "tenant", "globex"));
         Connection ca = a.getConnection(); Connection cg = g.getConnection()) {
      acme = rows(ca, "select body from tenant_docs order by body");
      globex = rows(cg, "select body from tenant_docs order by body");
      assertThat(rows(ca, "select current_setting('request.jwt.claim.tenant')")).containsExactly("acme");
      assertThat(rows(ca, "select current_setting('request.jwt.claims')::json->>'sub'")).containsExactly("rls_user");
    }
    assertThat(acme).containsExactly("acme budget", "acme plan");
    assertThat(globex).containsExactly("globex plan");
  }

  private static JwtHikariDataSource pool(Properties p) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pgUrl("&jwt.sessionClaims=true"));
    config.setUsername(p.getProperty("user"));
    p.stringPropertyNames().stream().filter(k -> k.startsWith("jwt.")).forEach(k ->
        config.addDataSourceProperty(k, p.getProperty(k)));
    config.setMaximumPoolSize(2);
    return new JwtHikariDataSource(config);
  }

  @Test
  void claimNamesArePublishedInLowerCase() throws Exception {
    try (Connection c = DriverManager.getConnection(pgUrl("&jwt.sessionClaims=true"),
        signed("rls_user", "Region", "emea"))) {
      assertThat(rows(c, "select setting from pg_settings where name = 'request.jwt.claim.region'")).isEmpty();
      assertThat(rows(c, "select current_setting('request.jwt.claim.region')")).containsExactly("emea");
    }
  }

  @Test
  void claimNamesThatCollideOnceFoldedAreRefusedNamingThemButNotTheirValues() {
    assertThatThrownBy(() -> DriverManager.getConnection(pgUrl("&jwt.sessionClaims=true"),
        signed("rls_user", "tenant", "acme-secret-value", "Tenant", "globex-secret-value")))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        .hasMessageContaining("claims 'Tenant' and 'tenant' differ only in case")
        .hasMessageContaining("jwt.sessionClaims")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void withoutSessionClaimsThePolicySeesNothing() throws Exception {
    try (Connection c = DriverManager.getConnection(pgUrl(""), signed("rls_user", "tenant", "acme"))) {
      assertThat(rows(c, "select body from tenant_docs")).isEmpty();
    }
  }

  @Test
  void roleClaimSwitchesToTheClaimedRole() throws Exception {
    try (Connection c = DriverManager.getConnection(pgUrl("&jwt.roleClaim=db_role"),
        signed("rls_user", "db_role", "reporting"))) {
      assertThat(rows(c, "select current_user || '/' || session_user")).containsExactly("reporting/rls_user");
    }
  }

  @Test
  void aRoleTheUserWasNotGrantedIsRefused() {
    assertThatThrownBy(() -> DriverManager.getConnection(pgUrl("&jwt.roleClaim=db_role"),
        signed("rls_user", "db_role", "auditors")))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("42501");
          assertThat(e.getMessage()).startsWith("jdbc-jwt: setting up the session failed: user 'rls_user' may not "
              + "take role 'auditors' named by the token's db_role claim (jwt.roleClaim)");
        });
  }

  @Test
  void sqlInTheRoleClaimCannotInject() throws Exception {
    String evil = "reporting\"; drop table tenant_docs; --";
    assertThatThrownBy(() -> DriverManager.getConnection(pgUrl("&jwt.roleClaim=db_role"),
        signed("rls_user", "db_role", evil))).isInstanceOf(SQLException.class)
        .hasMessageContaining("may not take role");
    try (Connection c = PG.adminConnection()) {
      assertThat(rows(c, "select count(*) from tenant_docs")).containsExactly("3");
    }
  }

  @Test
  void aMissingRoleClaimIsAConfigurationError() {
    assertThatThrownBy(() -> DriverManager.getConnection(pgUrl("&jwt.roleClaim=db_role"), signed("rls_user")))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        .hasMessageContaining("jwt.roleClaim=db_role but the token has no such claim");
  }

  @Test
  void mariaDbTakesTheClaimedRoleToo() throws Exception {
    MariaDbServer maria = MariaDbServer.shared();
    maria.createTokenUser("role_user");
    try (Connection admin = maria.adminConnection(); Statement s = admin.createStatement()) {
      s.execute("CREATE ROLE IF NOT EXISTS app_reader");
      s.execute("CREATE ROLE IF NOT EXISTS app_writer");
      s.execute("GRANT app_reader TO role_user@'%'");
    }
    String url = "jdbc:jwt:" + maria.mariadbConnectorUrl() + "&jwt.roleClaim=db_role";
    try (Connection c = DriverManager.getConnection(url, signed("role_user", "db_role", "app_reader"))) {
      assertThat(rows(c, "SELECT CURRENT_ROLE()")).containsExactly("app_reader");
    }
    assertThatThrownBy(() -> DriverManager.getConnection(url, signed("role_user", "db_role", "app_writer")))
        .isInstanceOf(SQLException.class).hasMessageContaining("may not take role 'app_writer'");
    assertThatThrownBy(() -> DriverManager.getConnection(url, signed("role_user", "db_role", "x`; DROP ROLE app_reader; --")))
        .isInstanceOf(SQLException.class);
    try (Connection admin = maria.adminConnection()) {
      assertThat(rows(admin, "SELECT COUNT(*) FROM mysql.user WHERE user = 'app_reader' AND is_role = 'Y'"))
          .containsExactly("1");
    }
  }
}
