package dev.jdbcjwt.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenTest {

  static String jwt(JWTClaimsSet claims, String kid) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
    jwt.sign(new RSASSASigner(TestKeys.rsa().getPrivate()));
    return jwt.serialize();
  }

  @Test
  void readsLifetimeSubjectAndKeyIdFromTheJwt() throws Exception {
    Instant iat = Instant.parse("2026-01-01T10:00:00Z");
    String value = jwt(new JWTClaimsSet.Builder().subject("app").issueTime(Date.from(iat))
        .expirationTime(Date.from(iat.plusSeconds(600))).claim("roles", List.of("reader")).build(), "k1");

    Token token = Token.fromJwt(value);

    assertThat(token.expiresAt()).isEqualTo(iat.plusSeconds(600));
    assertThat(token.issuedAt()).contains(iat);
    assertThat(token.subject()).contains("app");
    assertThat(token.keyId()).contains("k1");
    assertThat(token.value().reveal()).isEqualTo(value);
    assertThat(token.claimAsString("roles")).contains("reader");
    assertThat(token.remaining(iat.plusSeconds(100))).isEqualTo(Duration.ofSeconds(500));
    assertThat(token.isExpired(iat.plusSeconds(569), Duration.ofSeconds(30))).isFalse();
    assertThat(token.isExpired(iat.plusSeconds(570), Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void toStringNeverShowsTheValue() throws Exception {
    String value = jwt(new JWTClaimsSet.Builder().subject("app").expirationTime(new Date()).build(), "k1");
    Token token = Token.fromJwt(value);
    assertThat(token.toString()).contains("app").contains("k1").doesNotContain(value)
        .doesNotContain(value.substring(value.lastIndexOf('.') + 1));
    assertThat(token.value().toString()).isEqualTo("<redacted>");
  }

  @Test
  void malformedJwtsGiveAClearCheckedErrorWithoutTheToken() {
    String garbage = "eyJhbGciOiJSUzI1NiJ9.not-base64-json!.c2ln";
    assertThatThrownBy(() -> Token.fromJwt(garbage))
        .isInstanceOf(TokenException.class)
        .hasMessageContaining("not a well-formed JWT")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-base64-json"));
    assertThatThrownBy(() -> Token.fromJwt("")).isInstanceOf(TokenException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> Token.fromJwt("abc")).isInstanceOf(TokenException.class);
  }

  @Test
  void aJwtWithoutExpiryIsRefused() throws Exception {
    String value = jwt(new JWTClaimsSet.Builder().subject("app").build(), null);
    assertThatThrownBy(() -> Token.fromJwt(value)).isInstanceOf(TokenException.class)
        .hasMessageContaining("no 'exp' claim");
  }

  @Test
  void opaqueTokensTakeTheGivenLifetime() throws Exception {
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    Token t = Token.fromJwtOrOpaque("ya29.opaque-access-token", now, Duration.ofMinutes(60));
    assertThat(t.expiresAt()).isEqualTo(now.plus(Duration.ofMinutes(60)));
    assertThat(t.subject()).isEmpty();
    Token unknown = Token.fromJwtOrOpaque("opaque", now, null);
    assertThat(unknown.hasKnownExpiry()).isFalse();
    assertThat(unknown.isExpired(now.plus(Duration.ofDays(3650)), Duration.ofSeconds(30))).isFalse();
  }
}
