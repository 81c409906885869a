package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Megabytes where a few characters are expected: the driver answers with a short SQLException quickly, without an
 * unchecked exception, a hang or the input echoed back (the jqwik properties cover the shapes; this covers the size).
 */
class HugeInputTest {

  private static final int MB = 1 << 20;

  @BeforeEach
  void setUp() {
    StubDriver.reset();
    TokenCaches.clear();
  }

  private static SQLException refused(String url, Properties p) {
    return assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> catchThrowableOfType(SQLException.class, () -> JwtDriver.instance().connect(url, p)));
  }

  @Test
  void hugeOptionValuesAreRefusedBriefly() {
    for (String option : new String[] {"jwt.ttl", "jwt.refreshAhead", "jwt.clockSkew", "jwt.provider", "jwt.bogus"}) {
      Properties p = new Properties();
      p.setProperty("user", "app");
      p.setProperty(option, "9".repeat(4 * MB));
      SQLException e = refused("jdbc:jwt:stub:db", p);
      assertThat((Throwable) e).as(option).isNotNull();
      assertThat(e.getSQLState()).as(option).isEqualTo("HY000");
      assertThat(e.getMessage()).as(option).hasSizeLessThan(2000).startsWith("jdbc-jwt:");
    }
  }

  @Test
  void aHugeStaticTokenIsRefusedBriefly() {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("jwt.provider", "static");
    p.setProperty("jwt.token", "eyJ" + "A".repeat(8 * MB) + ".eyJ" + "B".repeat(MB) + ".sig");
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try {
        JwtDriver.instance().connect("jdbc:jwt:stub:db", p).close();
      } catch (SQLException e) {
        assertThat(e.getMessage()).hasSizeLessThan(2000).doesNotContain("AAAAAAAA");
      }
    });
  }

  @Test
  void aHugeUrlWithThousandsOfSegmentsIsHandledBriefly() {
    String url = "jdbc:jwt:stub:db" + ";x=1".repeat(200_000) + "?" + "a=b&".repeat(200_000)
        + "jwt.ttl=" + "%".repeat(100_000);
    SQLException e = refused(url, new Properties());
    assertThat((Throwable) e).isNotNull();
    assertThat(e.getMessage()).hasSizeLessThan(2000);
  }
}
