package dev.jdbcjwt.token.providers.http;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.providers.Redaction;
import net.minidev.json.JSONObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Reads an OAuth 2.0 token endpoint's answer (RFC 6749 §5; cloud metadata endpoints answer in the same shape) with
 * nimbus: a token with its lifetime (the JWT's {@code exp}, else {@code expires_in}, else {@code expires_on}), or a
 * {@link TokenException} that names the endpoint, the OAuth error code and description, and what to check.
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
            + describeBody(response, body) + "); check that the URL is the token endpoint", null);
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
      return JSONObjectUtils.parse(body);
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  private static String describeBody(HTTPResponse response, String body) {
    String type = response.getHeaderValue("Content-Type");
    return (body.isEmpty() ? "empty body" : body.length() + " characters") + (type == null ? "" : ", " + type);
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
    Instant now = clock.instant();
    Duration lifetime = lifetime(accessToken, parsed, now);
    String value = accessToken.getValue();
    try {
      return Token.fromJwtOrOpaque(value, now, lifetime);
    } catch (TokenException e) {
      if (lifetime != null) {
        return Token.opaque(Secret.of(value), now, lifetime); // JWT-shaped but unreadable: trust expires_in
      }
      throw TokenException.unavailable(where + " answered a token whose lifetime is unknown (" + e.getMessage()
          + ") and gave no expires_in", null);
    }
  }

  private static Duration lifetime(AccessToken accessToken, AccessTokenResponse parsed, Instant now) {
    if (accessToken.getLifetime() > 0) {
      return Duration.ofSeconds(accessToken.getLifetime());
    }
    Object expiresOn = parsed.getCustomParameters().get("expires_on"); // Azure App Service: epoch seconds
    if (expiresOn != null) {
      try {
        Instant at = Instant.ofEpochSecond(Long.parseLong(expiresOn.toString().strip()));
        if (at.isAfter(now)) {
          return Duration.between(now, at);
        }
      } catch (NumberFormatException e) {
        // not epoch seconds: lifetime unknown
      }
    }
    return null;
  }
}
