package dev.jdbcjwt.jdbc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever URL a tool or a user types, the driver answers null, a connection or an SQLException with a message. */
class HostileUrlProperties {

  @Property(tries = 1500)
  void anyUrlIsRefusedWithAnSqlExceptionOrIgnored(@ForAll("urls") String url) {
    StubDriver.reset();
    try {
      var c = JwtDriver.instance().connect(url, new Properties());
      if (c != null) {
        c.close();
      }
    } catch (SQLException e) {
      assertThat(e.getMessage()).startsWith("jdbc-jwt:").doesNotContain("\n");
      assertThat(e.getSQLState()).isIn("HY000", "08001", "28000");
    }
  }

  @Property(tries = 500)
  void propertyInfoNeverFails(@ForAll("urls") String url) throws SQLException {
    assertThat(JwtDriver.instance().getPropertyInfo(url, new Properties())).isNotEmpty();
  }

  @Provide
  Arbitrary<String> urls() {
    Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<String> params = Arbitraries.strings().withChars("jwt.providerstaicfl=&;?%+:/ 0123456789ABC")
        .ofMaxLength(60);
    return Arbitraries.oneOf(noise, noise.map(s -> "jdbc:jwt:" + s), params.map(s -> "jdbc:jwt:stub:db?" + s),
        params.map(s -> "jdbc:jwt:stub:db;" + s), params.map(s -> "jdbc:jwt:" + s));
  }
}
