package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SET ROLE on a stub database whose driver quotes identifiers with a given string (or cannot quote at all). */
class SessionSetupQuotingTest {

  private final List<String> executed = new ArrayList<>();
  private boolean closed;

  private Connection database(String product, String quote) {
    DatabaseMetaData md = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> switch (m.getName()) {
          case "getDatabaseProductName" -> product;
          case "getIdentifierQuoteString" -> quote;
          default -> null;
        });
    Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Statement.class}, (p, m, a) -> {
          if (m.getName().equals("execute")) {
            executed.add((String) a[0]);
            return false;
          }
          return null;
        });
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (p, m, a) -> switch (m.getName()) {
          case "getMetaData" -> md;
          case "createStatement" -> statement;
          case "close" -> {
            closed = true;
            yield null;
          }
          default -> null;
        });
  }

  private static SessionSetup roleClaim() throws Exception {
    return SessionSetup.of(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "x",
        "jwt.roleClaim", "db_role"), "app"));
  }

  private static Token tokenWithRole(String role) throws Exception {
    return Token.fromJwt(TestIssuer.shared().mint("app", b -> b.claim("db_role", role)));
  }

  @Test
  void aQuotingDriverGetsTheRoleQuotedWithItsQuoteDoubled() throws Exception {
    roleClaim().apply(database("StubDB", "`"), tokenWithRole("odd`name"), "app");
    assertThat(executed).containsExactly("SET ROLE `odd``name`");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {" ", ""})
  void aDriverWithoutIdentifierQuotingIsRefusedAndNothingRuns(String quote) throws Exception {
    SessionSetup setup = roleClaim();
    assertThatThrownBy(() -> setup.apply(database("StubDB", quote), tokenWithRole("reporting"), "app"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        .hasMessageContaining("jwt.roleClaim needs a driver that quotes identifiers")
        .hasMessageContaining("StubDB");
    assertThat(executed).isEmpty();
    assertThat(closed).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"report\u0000ing", "reporting\nSET ROLE admin", "rep\u202eorting", "x\u007f"})
  void roleNamesWithControlOrFormatCharactersAreRefusedWithoutEchoingThem(String role) throws Exception {
    SessionSetup setup = roleClaim();
    assertThatThrownBy(() -> setup.apply(database("StubDB", "\""), tokenWithRole(role), "app"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        .hasMessageContaining("control or invisible formatting characters")
        .hasMessageNotContaining(role);
    assertThat(executed).isEmpty();
  }

  @Test
  void overLongRoleNamesAreRefused() throws Exception {
    SessionSetup setup = roleClaim();
    assertThatThrownBy(() -> setup.apply(database("StubDB", "\""), tokenWithRole("r".repeat(129)), "app"))
        .hasMessageContaining("more than 128 characters");
    assertThatThrownBy(() -> setup.apply(database("PostgreSQL", "\""), tokenWithRole("é".repeat(32)), "app"))
        .hasMessageContaining("more than 63 bytes");
    assertThat(executed).isEmpty();
  }
}
