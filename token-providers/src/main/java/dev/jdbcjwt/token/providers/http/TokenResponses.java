package dev.jdbcjwt.token.providers.http;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.providers.Redaction;
import net.minidev.json.JSONObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Reads an OAuth 2.0 token endpoint's answer (RFC 6749 §5; cloud metadata endpoints answer in the same shape) with
 * nimbus: a token with its lifetime (the JWT's {@code exp}, else {@code expires_in}, else {@code expires_on}), or a
 * {@link TokenException} that names the endpoint, the OAuth error code and description, and what to check.
 *
 * <p>Refused as {@link TokenException.Kind#UNAVAILABLE}: a body that is not a JSON object (whatever its Content-Type;
 * the body decides), an unsigned JWT access token ({@code alg: none} in any letter case), a token that has already
 * expired when it arrives (including {@code expires_in: 0}), a negative or non-numeric {@code expires_in}, and a JWT
 * without {@code exp} when no {@code expires_in} is given. A lifetime reaching past {@link Token#LATEST_EXPIRY} ends
 * there. The cases and their tests are listed in docs/security.md.
 */
public final class TokenResponses {

  /** Errors that mean the identity provider refused our credential: retrying will not help, fixing it will. */
  private static final Set<String> REFUSALS = Set.of("invalid_client", "invalid_grant", "unauthorized_client",
      "access_denied");

  /** What to check for an OAuth error code (e.g. "check jwt.scope" for invalid_scope). */
  @FunctionalInterface
  public interface Advice {
    String forError(String code);
  }

  private TokenResponses() {
  }

  /**
   * @param where names the endpoint, e.g. "token endpoint https://idp/token"
   */
  public static Token read(HTTPResponse response, String where, Clock clock, Advice advice) throws TokenException {
    int status = response.getStatusCode();
    String body = response.getBody() == null ? "" : response.getBody();
    JSONObject json = parseJson(body);
    if (status >= 200 && status < 300) {
      if (json == null) {
        throw TokenException.unavailable(where + " answered HTTP " + status + " but not with a JSON token response ("
            + describeBody(response, body) + "); check that the URL is the token endpoint"
            + (isHtml(response) ? " (an HTML page often comes from a proxy or login portal in between: check the "
            + "proxy settings)" : ""), null);
      }
      return token(json, where, clock);
    }
    if (status >= 300 && status < 400) {
      throw TokenException.unavailable(where + " answered with a redirect (HTTP " + status + "); give the URL it "
          + "redirects to instead", null);
    }
    ErrorObject error = json == null ? null : ErrorObject.parse(json);
    if (error != null && error.getCode() != null && !error.getCode().isBlank()) {
      String code = Redaction.redact(error.getCode(), 60);
      String description = error.getDescription() == null ? "" : ": " + Redaction.redact(error.getDescription(), 300);
      String message = where + " answered OAuth error '" + code + "'" + description + " (HTTP " + status + "); "
          + advice.forError(code);
      return fail(REFUSALS.contains(code), message);
    }
    String message = where + " answered HTTP " + status + " without an OAuth error (" + describeBody(response, body)
        + "); " + (status >= 500 ? "the service failed: retry later, or check its health"
        : status == 404 ? "check the URL" : advice.forError(""));
    return fail(status == 401, message);
  }

  private static Token fail(boolean refused, String message) throws TokenException {
    throw refused ? TokenException.refused(message, null) : TokenException.unavailable(message, null);
  }

  private static JSONObject parseJson(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return JsonBodies.parseObject(body);
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isHtml(HTTPResponse response) {
    String type = response.getHeaderValue("Content-Type");
    return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("html");
  }

  private static String describeBody(HTTPResponse response, String body) {
    String type = response.getHeaderValue("Content-Type");
    return (body.isEmpty() ? "empty body" : body.length() + " characters")
        + (type == null ? "" : ", " + Redaction.redact(type, 100));
  }

  private static Token token(JSONObject json, String where, Clock clock) throws TokenException {
    AccessTokenResponse parsed;
    JSONObject withoutRefresh = new JSONObject(json);
    withoutRefresh.remove("refresh_token"); // never used; and Azure IMDS sends an empty one, which nimbus refuses
    try {
      parsed = AccessTokenResponse.parse(withoutRefresh);
    } catch (ParseException e) {
      // nimbus names the missing or malformed member, never its value
      throw TokenException.unavailable(where + " answered with JSON that is not a token response ("
          + Redaction.redact(e.getMessage(), 200) + ")", null);
    }
    AccessToken accessToken = parsed.getTokens().getAccessToken();
    String value = accessToken.getValue();
    refuseUnsigned(value, where);
    Instant now = clock.instant();
    Lifetime lifetime = lifetime(json, accessToken, parsed, now, where);
    Token token;
    String basis;
    try {
      token = Token.fromJwtOrOpaque(value, now, lifetime == null ? null : lifetime.duration);
      basis = !token.claims().isEmpty() ? "its exp claim" : lifetime == null ? "" : lifetime.basis;
    } catch (TokenException e) {
      if (lifetime == null) {
        throw TokenException.unavailable(where + " answered a token whose lifetime is unknown (" + e.getMessage()
            + ") and gave no expires_in; configure the identity provider to put an exp claim in its access tokens, "
            + "or to send expires_in", null);
      }
      token = Token.opaque(Secret.of(value), now, lifetime.duration); // JWT-shaped but unreadable: trust expires_in
      basis = lifetime.basis;
    }
    if (token.hasKnownExpiry() && !token.expiresAt().isAfter(now)) {
      throw TokenException.unavailable(where + " answered a token that had already expired at " + token.expiresAt()
          + " (by " + basis + "), " + Durations.format(Duration.between(token.expiresAt(), now)) + " before this "
          + "machine's clock; check the clocks of this machine and of the identity provider, and the token lifetime "
          + "configured there", null);
    }
    return token;
  }

  /**
   * Refuses an unsigned JWT (header {@code alg: none}, in any letter case): no database that validates tokens accepts
   * one, and an identity provider that issues them is misconfigured or not the one meant.
   */
  private static void refuseUnsigned(String value, String where) throws TokenException {
    int dot = value.indexOf('.');
    if (dot <= 0 || !value.startsWith("ey")) {
      return;
    }
    Header header;
    try {
      header = Header.parse(new Base64URL(value.substring(0, dot)));
    } catch (java.text.ParseException | RuntimeException e) {
      return; // not a JOSE header: an opaque token, or a malformed JWT reported later
    }
    if (header.getAlgorithm() != null && "none".equalsIgnoreCase(header.getAlgorithm().getName())) {
      throw TokenException.unavailable(where + " answered an unsigned access token (JWT with alg 'none'), which no "
          + "database that checks tokens accepts; configure the identity provider to sign its access tokens, and check "
          + "that the URL is the identity provider you meant", null);
    }
  }

  /** How long the token lives by the response's own fields, and which field said so (for messages). */
  private record Lifetime(Duration duration, String basis) {
  }

  /**
   * {@code expires_in} (read from the JSON itself: nimbus wraps numbers beyond 64 bits and treats 0 as "not given"),
   * else {@code expires_on} (Azure App Service: epoch seconds), else null. Huge values end at
   * {@link Token#LATEST_EXPIRY}; nimbus has already refused negative and non-numeric {@code expires_in}.
   */
  private static Lifetime lifetime(JSONObject json, AccessToken accessToken, AccessTokenResponse parsed,
      Instant now, String where) throws TokenException {
    Object expiresIn = json.get("expires_in");
    if (expiresIn != null) {
      BigDecimal seconds = expiresIn instanceof Number n ? decimal(n)
          : BigDecimal.valueOf(accessToken.getLifetime()); // a numeric string, as nimbus read it
      if (seconds != null && seconds.signum() < 0) { // nimbus refuses negative numbers, not negative strings
        throw TokenException.unavailable(where + " answered with JSON that is not a token response (Invalid "
            + "expires_in: negative)", null);
      }
      if (seconds != null) {
        return new Lifetime(seconds(seconds), "expires_in=" + shortNumber(seconds));
      }
    }
    Object expiresOn = parsed.getCustomParameters().get("expires_on");
    if (expiresOn != null) {
      String text = expiresOn.toString().strip();
      BigDecimal at = text.length() > JsonBodies.MAX_NUMBER_CHARS ? null : decimal(text);
      if (at != null) {
        // compared before any arithmetic: 1e999999999 is a short text but a billion digits once aligned
        long atSeconds = at.compareTo(BigDecimal.valueOf(Token.LATEST_EXPIRY.getEpochSecond())) > 0
            ? Token.LATEST_EXPIRY.getEpochSecond()
            : at.compareTo(BigDecimal.ZERO) < 0 ? 0 : at.longValue();
        return new Lifetime(Duration.ofSeconds(atSeconds - now.getEpochSecond()), "expires_on=" + shortNumber(at));
      }
      // not epoch seconds: lifetime unknown
    }
    return null;
  }

  /**
   * The value of a JSON number as json-smart gives it (Integer, Long, BigInteger, Double, BigDecimal), without going
   * through text; an infinite one (1e400) as the largest a lifetime can be; null for NaN or another type.
   */
  private static BigDecimal decimal(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isNaN(d) ? null : Double.isInfinite(d) ? BigDecimal.valueOf(d > 0 ? Long.MAX_VALUE : -1)
          : BigDecimal.valueOf(d);
    }
    return null;
  }

  private static BigDecimal decimal(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whole seconds (fractions dropped), saturated to what a {@link Duration} holds; Token caps the expiry further. */
  private static Duration seconds(BigDecimal value) {
    // compared before converting: a BigDecimal such as 1e999999999 must never be expanded to its digits
    if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return Duration.ofSeconds(Long.MAX_VALUE);
    }
    if (value.compareTo(BigDecimal.valueOf(-Long.MAX_VALUE)) <= 0) {
      return Duration.ofSeconds(-Long.MAX_VALUE);
    }
    return Duration.ofSeconds(value.longValue());
  }

  private static String shortNumber(BigDecimal value) {
    if (value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || value.scale() > 6) {
      return value.round(new MathContext(3)).toString(); // scientific notation, never a toPlainString of 1e999999999
    }
    return value.toPlainString();
  }
}
