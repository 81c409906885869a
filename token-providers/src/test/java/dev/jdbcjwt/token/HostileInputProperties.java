package dev.jdbcjwt.token;

import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.SigningKeys;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text arrives — from a URL, a file, an identity provider — parsing gives a result or the library's own
 * checked error with a message, never an unchecked exception.
 */
class HostileInputProperties {

  @Property(tries = 2000)
  void durationsParseOrSayWhy(@ForAll String text) {
    try {
      assertThat(Durations.parse(text)).isNotNull();
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("is not a duration");
    }
  }

  @Property(tries = 2000)
  void anyTextAsATokenIsATokenOrATokenException(@ForAll("tokenish") String text) {
    try {
      Token t = Token.fromJwtOrOpaque(text, Instant.EPOCH, Duration.ofMinutes(5));
      assertThat(t.toString()).doesNotContain(text.length() > 12 ? text : "\u0000never");
    } catch (TokenException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> tokenish() {
    Arbitrary<String> b64 = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/.")
        .ofMaxLength(80);
    Arbitrary<String> json = Arbitraries.strings().ofMaxLength(60).map(s -> Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("{\"exp\":" + s + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Arbitrary<String> jwtShaped = net.jqwik.api.Combinators.combine(json, json, b64)
        .as((h, p, s) -> "eyJ" + h + "." + p + "." + s);
    return Arbitraries.oneOf(Arbitraries.strings(), b64, jwtShaped);
  }

  @Property(tries = 500)
  void anyKeyTextIsAKeyOrAConfigurationError(@ForAll("keyish") String text) {
    try {
      assertThat(SigningKeys.read(dev.jdbcjwt.token.config.JwtOption.SIGNING_KEY, Secret.of(text), Optional.empty()))
          .isNotNull();
    } catch (TokenException e) {
      assertThat(e.kind()).isEqualTo(TokenException.Kind.CONFIGURATION);
      assertThat(e.getMessage()).startsWith("jwt.signingKey").doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<String> keyish() {
    Arbitrary<String> body = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n")
        .ofMaxLength(400);
    Arbitrary<String> pem = body.map(b -> "-----BEGIN PRIVATE KEY-----\n" + b + "\n-----END PRIVATE KEY-----\n");
    Arbitrary<String> jwk = Arbitraries.of("RSA", "EC", "OKP", "oct", "x").flatMap(kty -> body.map(b ->
        "{\"kty\":\"" + kty + "\",\"crv\":\"P-256\",\"d\":\"" + b.strip() + "\",\"x\":\"" + b + "\"}"));
    return Arbitraries.oneOf(Arbitraries.strings(), pem, jwk);
  }

  @Property(tries = 1000)
  void anyOptionMapIsAConfigOrAConfigurationError(@ForAll("optionName") String name, @ForAll String value) {
    try {
      assertThat(TokenConfig.of(Map.of(name, value), null)).isNotNull();
    } catch (TokenException e) {
      assertThat(e.kind()).isEqualTo(TokenException.Kind.CONFIGURATION);
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> optionName() {
    Arbitrary<String> known = Arbitraries.of(dev.jdbcjwt.token.config.JwtOption.values())
        .map(dev.jdbcjwt.token.config.JwtOption::key);
    return Arbitraries.oneOf(known, Arbitraries.strings().ofMaxLength(30).map(s -> "jwt." + s));
  }
}
