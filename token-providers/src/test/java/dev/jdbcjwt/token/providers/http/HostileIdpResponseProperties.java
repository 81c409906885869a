package dev.jdbcjwt.token.providers.http;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever an identity provider answers — any status, content type, JSON or not, any access_token, exp and expires_in —
 * reading it gives a token that has not expired and whose expiry is representable, or the library's own
 * {@link TokenException} with a one-line message without the token; never an unchecked exception. See
 * HostileIdpResponsesTest for the stated behaviour of each case.
 */
class HostileIdpResponseProperties {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String WHERE = "token endpoint https://idp.example/token";

  @Property(tries = 1500)
  void anyAnswerIsAnUnexpiredTokenOrATokenException(@ForAll("status") int status,
      @ForAll("contentType") String contentType, @ForAll("answer") Answer answer) {
    HTTPResponse response = new HTTPResponse(status);
    response.setHeader("Content-Type", contentType);
    response.setBody(answer.body);
    try {
      Token token = TokenResponses.read(response, WHERE, CLOCK, code -> "check the client settings");
      assertThat(token.expiresAt()).isAfter(NOW);
      assertThat(!token.hasKnownExpiry() || !token.expiresAt().isAfter(Token.LATEST_EXPIRY)).isTrue();
      assertThat(token.value().reveal()).isEqualTo(answer.accessToken);
    } catch (TokenException e) {
      assertThat(e.getMessage()).isNotBlank().startsWith(WHERE).doesNotContain("\n");
      if (answer.accessToken != null && answer.accessToken.length() > 12) {
        assertThat(e.getMessage()).doesNotContain(answer.accessToken);
      }
    }
  }

  /** A body and the access token it carries (null when none). */
  record Answer(String body, String accessToken) {
    @Override
    public String toString() {
      return body.length() > 300 ? body.substring(0, 300) + "… (" + body.length() + " characters)" : body;
    }
  }

  @Provide
  Arbitrary<Integer> status() {
    return Arbitraries.oneOf(Arbitraries.of(200, 200, 200, 201, 204, 302, 400, 401, 403, 404, 500, 503),
        Arbitraries.integers().between(100, 599));
  }

  @Provide
  Arbitrary<String> contentType() {
    return Arbitraries.oneOf(Arbitraries.of("application/json", "application/json; charset=utf-8", "text/html",
        "application/xml", "text/plain", "application/octet-stream"), Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<Answer> answer() {
    Arbitrary<String> accessToken = Arbitraries.oneOf(opaque(), jwt());
    Arbitrary<String> expiresIn = Arbitraries.oneOf(number(), Arbitraries.strings().ofMaxLength(12)
        .map(HostileIdpResponseProperties::quoted), Arbitraries.of("true", "null", "{}", "[1]", "\"300\"", "\"-5\""));
    Arbitrary<String> expiresOn = Arbitraries.oneOf(number().map(HostileIdpResponseProperties::quoted),
        Arbitraries.just(quoted(String.valueOf(NOW.getEpochSecond() + 600))));
    Arbitrary<Answer> tokenResponse = Combinators.combine(accessToken, expiresIn.injectNull(0.3),
        expiresOn.injectNull(0.8), Arbitraries.of("Bearer", "bearer", "DPoP", "N_A", "").injectNull(0.1))
        .as((token, in, on, type) -> new Answer("{\"access_token\":" + quoted(token)
            + (type == null ? "" : ",\"token_type\":" + quoted(type))
            + (in == null ? "" : ",\"expires_in\":" + in)
            + (on == null ? "" : ",\"expires_on\":" + on) + "}", token));
    Arbitrary<Answer> notJson = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
        Arbitraries.integers().between(1, 20_000).map("["::repeat),
        Arbitraries.of("[]", "\"x\"", "42", "null", "<html>login</html>", "<?xml version=\"1.0\"?><a/>",
            "{\"error\":{\"code\":401}}", "{\"error\":\"invalid_client\",\"error_description\":\"no\"}",
            "{\"error\":\"bad\\ncode\"}", "{\"error\":" + "[".repeat(10_000)))
        .map(body -> new Answer(body, null));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, tokenResponse), net.jqwik.api.Tuple.of(1, notJson));
  }

  private static Arbitrary<String> opaque() {
    return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/")
        .ofMinLength(0).ofMaxLength(60);
  }

  /** JWT-shaped values with any alg and any exp text, signed or not, well-formed or not. */
  private static Arbitrary<String> jwt() {
    Arbitrary<String> alg = Arbitraries.of("RS256", "ES256", "none", "None", "NONE", "HS256", "");
    Arbitrary<String> exp = Arbitraries.oneOf(number(), Arbitraries.of("\"1900000000\"", "null", "true", "{}",
        "[1900000000]"), Arbitraries.strings().ofMaxLength(10));
    Arbitrary<String> signature = Arbitraries.of("", "c2lnbmF0dXJl", "!!", "a.b");
    return Combinators.combine(alg, exp.injectNull(0.2), signature).as((a, e, s) ->
        b64("{\"alg\":\"" + a + "\"}") + "." + b64("{\"sub\":\"app\"" + (e == null ? "" : ",\"exp\":" + e) + "}")
            + "." + s);
  }

  /** Seconds of every magnitude and shape: negative, zero, fractions, beyond 64 bits, exponents. */
  private static Arbitrary<String> number() {
    long now = NOW.getEpochSecond();
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.longs().between(-1_000, 100_000).map(String::valueOf),
        Arbitraries.longs().between(now - 1_000, now + 100_000).map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf).filter(s -> !s.contains("N") && !s.contains("I")),
        Arbitraries.of("0", "-0", "0.5", "1e30", "-1e30", "1E+400", "99999999999999999999999", "18446744073709551916",
            "253402300799", "253402300800", "9223372036854775807", "-9223372036854775808"));
  }

  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
