package dev.jdbcjwt.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import java.text.ParseException;
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
   * the database does that. Requires an {@code exp} claim.
   *
   * @throws TokenException (UNAVAILABLE) if the text is not a JWT or has no expiry; the message never contains the
   *     token
   */
  public static Token fromJwt(String jwt) throws TokenException {
    JWT parsed = parseJwt(jwt);
    JWTClaimsSet claims = claimsOf(parsed);
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      throw TokenException.unavailable("the token has no 'exp' claim, so its lifetime is unknown", null);
    }
    return fromClaims(Secret.of(jwt), parsed.getHeader(), claims, exp.toInstant());
  }

  /**
   * Reads {@code value} as a JWT when it is one; otherwise treats it as opaque with the given lifetime
   * ({@code null}: unknown, see {@link #UNKNOWN_EXPIRY}).
   */
  public static Token fromJwtOrOpaque(String value, Instant now, Duration opaqueLifetime) throws TokenException {
    if (looksLikeJwt(value)) {
      return fromJwt(value);
    }
    if (value.isBlank()) {
      throw TokenException.unavailable("the token is empty", null);
    }
    return opaque(Secret.of(value), now, opaqueLifetime);
  }

  /** An opaque (non-JWT) token living {@code lifetime} from {@code issuedAt}; {@code null} lifetime: unknown. */
  public static Token opaque(Secret value, Instant issuedAt, Duration lifetime) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Instant expiresAt = lifetime == null ? UNKNOWN_EXPIRY : issuedAt.plus(lifetime);
    return new Token(value, expiresAt, issuedAt, null, null, Map.of());
  }

  private static Token fromClaims(Secret value, Header header, JWTClaimsSet claims, Instant expiresAt) {
    Date iat = claims.getIssueTime();
    return new Token(value, expiresAt, iat == null ? null : iat.toInstant(), claims.getSubject(),
        header == null ? null : keyIdOf(header), Collections.unmodifiableMap(claims.getClaims()));
  }

  private static String keyIdOf(Header header) {
    return header instanceof com.nimbusds.jose.JWSHeader jws ? jws.getKeyID()
        : header instanceof com.nimbusds.jose.JWEHeader jwe ? jwe.getKeyID() : null;
  }

  /** Three (JWS) or five (JWE) dot-separated parts: the shape of a compact JWT. */
  static boolean looksLikeJwt(String value) {
    int dots = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) == '.') {
        dots++;
      }
    }
    return (dots == 2 || dots == 4) && value.startsWith("ey");
  }

  private static JWT parseJwt(String jwt) throws TokenException {
    if (jwt == null || jwt.isBlank()) {
      throw TokenException.unavailable("the token is empty", null);
    }
    try {
      return JWTParser.parse(jwt.strip());
    } catch (ParseException e) {
      // nimbus's message can quote parts of the token: do not chain it
      throw TokenException.unavailable("the token is not a well-formed JWT (" + jwt.length()
          + " characters; expected base64url header.payload.signature)", null);
    }
  }

  private static JWTClaimsSet claimsOf(JWT jwt) throws TokenException {
    if (jwt instanceof EncryptedJWT) {
      throw TokenException.unavailable("the token is an encrypted JWT whose claims cannot be read; "
          + "its lifetime is unknown", null);
    }
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw TokenException.unavailable("the token is not a well-formed JWT (its payload is not a JSON claims set)", null);
    }
  }

  public Secret value() {
    return value;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public boolean hasKnownExpiry() {
    return !UNKNOWN_EXPIRY.equals(expiresAt);
  }

  public Optional<Instant> issuedAt() {
    return Optional.ofNullable(issuedAt);
  }

  public Optional<String> subject() {
    return Optional.ofNullable(subject);
  }

  public Optional<String> keyId() {
    return Optional.ofNullable(keyId);
  }

  /** The time left at {@code now}; negative once expired. */
  public Duration remaining(Instant now) {
    return hasKnownExpiry() ? Duration.between(now, expiresAt) : Duration.ofSeconds(Long.MAX_VALUE);
  }

  /** True when, at {@code now}, less than {@code skew} is left. */
  public boolean isExpired(Instant now, Duration skew) {
    return hasKnownExpiry() && !now.plus(skew).isBefore(expiresAt);
  }

  /** A claim of a JWT (empty for opaque tokens). Dates are {@link Date}s, arrays are lists. */
  public Optional<Object> claim(String name) {
    return Optional.ofNullable(claims.get(name));
  }

  /** A claim as text: strings as they are, a one-element list as its element, numbers in decimal. */
  public Optional<String> claimAsString(String name) {
    Object v = claims.get(name);
    if (v instanceof List<?> list && list.size() == 1) {
      v = list.get(0);
    }
    return v instanceof String || v instanceof Number || v instanceof Boolean
        ? Optional.of(String.valueOf(v)) : Optional.empty();
  }

  public Map<String, Object> claims() {
    return claims;
  }

  /**
   * The JWT's claim set exactly as the issuer encoded it (the decoded payload), so what is published from it is what
   * the database validated; empty for opaque or encrypted tokens.
   */
  public Optional<String> claimsJson() {
    if (claims.isEmpty()) {
      return Optional.empty();
    }
    String v = value.reveal();
    int first = v.indexOf('.');
    int second = v.indexOf('.', first + 1);
    if (first < 0 || second < 0 || v.indexOf('.', second + 1) >= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(java.util.Base64.getUrlDecoder().decode(v.substring(first + 1, second)),
          java.nio.charset.StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "Token[subject=" + subject + ", keyId=" + keyId + ", issuedAt=" + issuedAt + ", expiresAt="
        + (hasKnownExpiry() ? expiresAt : "unknown") + ", value=" + value + "]";
  }
}
