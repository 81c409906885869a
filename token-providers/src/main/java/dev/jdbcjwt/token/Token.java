package dev.jdbcjwt.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A credential and what is known about it: when it expires, when it was issued, whose it is and which key signed it.
 * Its {@link #toString()} never shows the value.
 *
 * <p>JWTs carry their own lifetime ({@code exp}); opaque tokens get theirs from the identity provider's
 * {@code expires_in} through {@link #opaque}.
 */
public final class Token {

  /** Marks a token whose lifetime nobody told us (an opaque static token). */
  public static final Instant UNKNOWN_EXPIRY = Instant.MAX;

  /**
   * The latest expiry a token is given: an {@code exp} or a lifetime reaching past 9999-12-31T23:59:59Z (up to values
   * beyond the 64-bit range) counts as ending then, so instants and durations derived from it never overflow.
   */
  public static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

  /** The earliest expiry a token is given: an {@code exp} before 0001-01-01T00:00:00Z counts as then (long expired). */
  static final Instant EARLIEST_EXPIRY = Instant.parse("0001-01-01T00:00:00Z");

  private final Secret value;
  private final Instant expiresAt;
  private final Instant issuedAt;
  private final String subject;
  private final String keyId;
  private final Map<String, Object> claims;

  private Token(Secret value, Instant expiresAt, Instant issuedAt, String subject, String keyId,
      Map<String, Object> claims) {
    this.value = value;
    this.expiresAt = expiresAt;
    this.issuedAt = issuedAt;
    this.subject = subject;
    this.keyId = keyId;
    this.claims = claims;
  }

  /**
   * Reads a JWT (signed, unsecured, or nested in JWE when its claims are readable). The signature is not verified:
   * the database does that (answers of identity providers with an unsigned token are refused earlier, by the HTTP
   * providers). Requires an {@code exp} claim that is a JSON number; an {@code exp} past {@link #LATEST_EXPIRY} ends
   * there, and fractions of a second are dropped.
   *
   * @throws TokenException (UNAVAILABLE) if the text is not a JWT or has no expiry; the message never contains the
   *     token
   *
   * @param jwt the compact serialisation of the JWT
   * @return the token with its expiry, issue time, subject and key id from the claims
   */
  public static Token fromJwt(String jwt) throws TokenException {
    JWT parsed = JwtParsing.parse(jwt);
    Instant exp = JwtExpiry.of(parsed);
    JWTClaimsSet claims = JwtParsing.claimsOf(parsed);
    if (exp == null) {
      throw TokenException.unavailable("the token has no 'exp' claim, so its lifetime is unknown", null);
    }
    return fromClaims(Secret.of(jwt), parsed.getHeader(), claims, exp);
  }

  /**
   * Reads {@code value} as a JWT when it is one; otherwise treats it as opaque with the given lifetime
   * ({@code null}: unknown, see {@link #UNKNOWN_EXPIRY}).
   *
   * @param value the token text
   * @param now the issue time of an opaque token
   * @param opaqueLifetime the lifetime of an opaque token, or {@code null} when unknown
   * @return the token
   * @throws TokenException (UNAVAILABLE) if the text is empty, or looks like a JWT but is not a usable one
   */
  public static Token fromJwtOrOpaque(String value, Instant now, Duration opaqueLifetime) throws TokenException {
    if (JwtParsing.looksLikeJwt(value)) {
      return fromJwt(value);
    }
    if (value.isBlank()) {
      throw TokenException.unavailable("the token is empty", null);
    }
    return opaque(Secret.of(value), now, opaqueLifetime);
  }

  /**
   * An opaque (non-JWT) token living {@code lifetime} from {@code issuedAt}; {@code null} lifetime: unknown. A lifetime
   * reaching past {@link #LATEST_EXPIRY} ends there.
   *
   * @param value the token
   * @param issuedAt when it was issued
   * @param lifetime how long it lives, or {@code null} when unknown
   * @return the token
   */
  public static Token opaque(Secret value, Instant issuedAt, Duration lifetime) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Instant expiresAt = lifetime == null ? UNKNOWN_EXPIRY : plusWithin(issuedAt, lifetime);
    return new Token(value, expiresAt, issuedAt, null, null, Map.of());
  }

  private static Instant plusWithin(Instant start, Duration lifetime) {
    if (lifetime.compareTo(Duration.between(start, LATEST_EXPIRY)) >= 0) {
      return LATEST_EXPIRY;
    }
    if (lifetime.compareTo(Duration.between(start, EARLIEST_EXPIRY)) <= 0) {
      return EARLIEST_EXPIRY;
    }
    return start.plus(lifetime);
  }

  private static Token fromClaims(Secret value, Header header, JWTClaimsSet claims, Instant expiresAt) {
    Date iat = claims.getIssueTime();
    return new Token(value, expiresAt, iat == null ? null : iat.toInstant(), claims.getSubject(),
        header == null ? null : JwtParsing.keyIdOf(header), Collections.unmodifiableMap(claims.getClaims()));
  }

  /**
   * The credential itself.
   *
   * @return the token value, hidden from {@code toString()}
   */
  public Secret value() {
    return value;
  }

  /**
   * When the token expires: its {@code exp}, or the identity provider's {@code expires_in} after issue.
   *
   * @return the expiry; {@link #UNKNOWN_EXPIRY} when nobody said
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Whether the expiry is known.
   *
   * @return false for an opaque token whose lifetime nobody gave
   */
  public boolean hasKnownExpiry() {
    return !UNKNOWN_EXPIRY.equals(expiresAt);
  }

  /**
   * When the token was issued.
   *
   * @return the {@code iat} claim, or the fetch time of an opaque token; empty when unknown
   */
  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  /**
   * Whose token it is.
   *
   * @return the {@code sub} claim; empty for opaque tokens
   */
  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  /**
   * Which key signed it.
   *
   * @return the {@code kid} header; empty for opaque tokens and tokens without one
   */
  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /**
   * The time left at {@code now}; negative once expired.
   *
   * @param now the time to measure from
   * @return the time left; very long for an unknown expiry
   */
  public Duration remaining(Instant now) {
    return hasKnownExpiry() ? Duration.between(now, expiresAt) : Duration.ofSeconds(Long.MAX_VALUE);
  }

  /**
   * True when, at {@code now}, less than {@code skew} is left.
   *
   * @param now the time to check at
   * @param skew the margin that counts as expired already
   * @return whether the token is expired or within {@code skew} of it; never for an unknown expiry
   */
  public boolean isExpired(Instant now, Duration skew) {
    return hasKnownExpiry() && !now.plus(skew).isBefore(expiresAt);
  }

  /**
   * A claim of a JWT (empty for opaque tokens). Dates are {@link Date}s, arrays are lists.
   *
   * @param name the claim name
   * @return its value; empty when absent
   */
  public Optional<Object> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }

  /**
   * A claim as text: strings as they are, a one-element list as its element, numbers in decimal.
   *
   * @param name the claim name
   * @return its text; empty when absent or not text
   */
  public Optional<String> claimAsString(String name) {
    Object v = claims.get(name);
    if (v instanceof List<?> list && list.size() == 1) {
      v = list.get(0);
    }
    return v instanceof String || v instanceof Number || v instanceof Boolean
        ? Optional.of(String.valueOf(v)) : Optional.empty();
  }

  /**
   * The claims of a JWT, as nimbus-jose-jwt reads them.
   *
   * @return an unmodifiable map; empty for opaque tokens
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * The JWT's claim set exactly as the issuer encoded it (the decoded payload), so what is published from it is what
   * the database validated; empty for opaque or encrypted tokens.
   *
   * @return the claim set as JSON text
   */
  public Optional<String> claimsJson() {
    if (claims.isEmpty()) {
      return Optional.empty();
    }
    return JwtParsing.payloadJson(value.reveal());
  }

  @Override
  public String toString() {
    return "Token[subject=" + subject + ", keyId=" + keyId + ", issuedAt=" + issuedAt + ", expiresAt="
        + (hasKnownExpiry() ? expiresAt : "unknown") + ", value=" + value + "]";
  }
}
