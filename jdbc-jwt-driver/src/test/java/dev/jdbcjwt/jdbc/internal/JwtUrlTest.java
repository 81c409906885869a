package dev.jdbcjwt.jdbc.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JwtUrlTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "jdbc:jwt:postgresql://h:5432/db|jdbc:postgresql://h:5432/db|postgresql",
      "jdbc:jwt:postgresql://h/db?jwt.provider=file|jdbc:postgresql://h/db|postgresql",
      "jdbc:jwt:postgresql://h/db?a=1&jwt.provider=file&b=2|jdbc:postgresql://h/db?a=1&b=2|postgresql",
      "jdbc:jwt:mysql://h:3306/db?sslMode=REQUIRED&jwt.ttl=1m|jdbc:mysql://h:3306/db?sslMode=REQUIRED|mysql",
      "jdbc:jwt:mariadb://h/db?jwt.ttl=1m&credentialType=|jdbc:mariadb://h/db?credentialType=|mariadb",
      "jdbc:jwt:h2:mem:x;jwt.provider=signed;MODE=MySQL|jdbc:h2:mem:x;MODE=MySQL|h2",
      "jdbc:jwt:sqlserver://h:1433;databaseName=db;jwt.ttl=1m|jdbc:sqlserver://h:1433;databaseName=db|sqlserver",
      "jdbc:jwt:postgresql://h/db?options=-c%20x%3Dy|jdbc:postgresql://h/db?options=-c%20x%3Dy|postgresql"})
  void keepsEverythingButJwtOptionsExactly(String url, String vendorUrl, String scheme) throws Exception {
    JwtUrl parsed = JwtUrl.parse(url);
    assertThat(parsed.vendorUrl()).isEqualTo(vendorUrl);
    assertThat(parsed.vendorScheme()).isEqualTo(scheme);
  }

  @Test
  void decodesOptionValuesButKeepsPlusSigns() throws Exception {
    JwtUrl parsed = JwtUrl.parse("jdbc:jwt:postgresql://h/db?user=app&jwt.issuer=https%3A%2F%2Fidp%2Frealms%2Fa"
        + "&jwt.claim.k=a+b");
    assertThat(parsed.jwtOptions()).containsExactly(Map.entry("jwt.issuer", "https://idp/realms/a"),
        Map.entry("jwt.claim.k", "a+b"));
    assertThat(parsed.queryParameter("user")).contains("app");
  }

  @Test
  void acceptsOnlyJwtUrls() {
    assertThat(JwtUrl.accepts("jdbc:jwt:postgresql://h/db")).isTrue();
    assertThat(JwtUrl.accepts("JDBC:JWT:postgresql://h/db")).isTrue();
    assertThat(JwtUrl.accepts("jdbc:postgresql://h/db")).isFalse();
    assertThat(JwtUrl.accepts(null)).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"25%|25%", "a%2Fb|a/b", "%E2%82%AC|€", "100%%|100%%", "%zz|%zz", "%4|%4",
      "x%41%42y|xABy", "a+b|a+b", "😀%21|😀!"})
  void percentDecodingLeavesStrayPercentSignsAlone(String in, String out) {
    assertThat(JwtUrl.percentDecode(in)).isEqualTo(out);
  }

  @Test
  void aShareInTheUrlNeedsNoEscaping() throws Exception {
    assertThat(JwtUrl.parse("jdbc:jwt:postgresql://h/db?jwt.refreshAhead=60%&jwt.ttl=1m").jwtOptions())
        .containsEntry("jwt.refreshAhead", "60%").containsEntry("jwt.ttl", "1m");
  }
}
