package dev.jdbcjwt.token.providers.exec;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a token command printed: a bare token, or a JSON object with the token and its expiry as the common tools
 * print them: {@code az account get-access-token -o json} ({@code accessToken}, {@code expires_on} in epoch seconds,
 * or the older local-time {@code expiresOn}), OAuth-style {@code access_token}/{@code expires_in}, and Kubernetes
 * {@code ExecCredential} ({@code status.token}, {@code status.expirationTimestamp}). A JWT's own {@code exp} wins.
 */
final class CommandOutput {

  private static final List<String> TOKEN_FIELDS = List.of("accessToken", "access_token", "token", "id_token",
      "idToken");
  private static final List<String> EXPIRY_FIELDS = List.of("expires_on", "expiresOn", "expiresAt", "expires_at",
      "expirationTimestamp", "expiration", "expiry", "token_expiry");

  private final String program;
  private final ZoneId localZone;

  /** @param localZone the zone of local date-times (az's legacy {@code expiresOn}); the system's */
  CommandOutput(String program, ZoneId localZone) {
    this.program = program;
    this.localZone = localZone;
  }

  Token read(String stdout, Instant now, Optional<Duration> assumedLifetime) throws TokenException {
    String text = stdout.strip();
    if (text.isEmpty()) {
      throw fail("printed nothing on stdout");
    }
    if (!text.startsWith("{")) {
      if (text.chars().anyMatch(Character::isWhitespace)) {
        throw fail("printed more than one word, and not JSON (" + text.lines().count() + " lines); it should print "
            + "the bare token or a JSON object with it");
      }
      return token(text, now, assumedLifetime.orElse(null));
    }
    Map<String, Object> json;
    try {
      json = JSONObjectUtils.parse(text);
    } catch (ParseException e) {
      throw fail("printed something that starts like JSON but is not a JSON object");
    }
    Map<String, Object> status = statusOf(json);
    String token = stringField(json, TOKEN_FIELDS).or(() -> status == null ? Optional.empty()
        : stringField(status, TOKEN_FIELDS)).orElseThrow(() -> fail("printed JSON without a token field (one of "
        + String.join(", ", TOKEN_FIELDS) + ", status.token)"));
    Optional<Instant> expiry = expiry(json, now);
    if (expiry.isEmpty() && status != null) {
      expiry = expiry(status, now);
    }
    Duration lifetime = expiry.map(e -> Duration.between(now, e)).filter(d -> !d.isNegative())
        .or(() -> assumedLifetime).orElse(null);
    return token(token, now, lifetime);
  }

  private Token token(String value, Instant now, Duration lifetime) throws TokenException {
    try {
      return Token.fromJwtOrOpaque(value, now, lifetime);
    } catch (TokenException e) {
      if (lifetime != null) {
        return Token.opaque(Secret.of(value), now, lifetime);
      }
      throw fail("printed a token whose lifetime is unknown: " + e.getMessage());
    }
  }

  private Optional<Instant> expiry(Map<String, Object> json, Instant now) throws TokenException {
    Object expiresIn = json.get("expires_in");
    if (expiresIn != null) {
      return Optional.of(now.plusSeconds(seconds("expires_in", expiresIn)));
    }
    for (String field : EXPIRY_FIELDS) {
      Object v = json.get(field);
      if (v != null) {
        return Optional.of(instant(field, v));
      }
    }
    return Optional.empty();
  }

  private long seconds(String field, Object v) throws TokenException {
    try {
      return v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip());
    } catch (NumberFormatException e) {
      throw fail("printed a '" + field + "' that is not a number of seconds");
    }
  }

  /** Epoch seconds (number or digits), ISO-8601 with offset, or a local date-time such as "2025-01-15 10:00:00.0". */
  private Instant instant(String field, Object v) throws TokenException {
    String s = v.toString().strip();
    if (v instanceof Number || s.matches("\\d{9,11}")) {
      return Instant.ofEpochSecond(seconds(field, v));
    }
    try {
      return OffsetDateTime.parse(s.replace(' ', 'T')).toInstant();
    } catch (DateTimeParseException e) {
      // try local time next
    }
    try {
      return LocalDateTime.parse(s.replace(' ', 'T')).atZone(localZone).toInstant();
    } catch (DateTimeParseException e) {
      throw fail("printed a '" + field + "' that is neither epoch seconds nor an ISO-8601 date-time");
    }
  }

  /** Kubernetes ExecCredential's {@code status} object, if any. */
  private static Map<String, Object> statusOf(Map<String, Object> json) {
    try {
      return json.get("status") instanceof Map<?, ?> ? JSONObjectUtils.getJSONObject(json, "status") : null;
    } catch (ParseException e) {
      return null;
    }
  }

  private static Optional<String> stringField(Map<String, Object> json, List<String> names) {
    for (String name : names) {
      if (json.get(name) instanceof String s && !s.isBlank()) {
        return Optional.of(s.strip());
      }
    }
    return Optional.empty();
  }

  private TokenException fail(String what) {
    return TokenException.unavailable(JwtOption.COMMAND.key() + " '" + program + "' " + what, null);
  }
}
