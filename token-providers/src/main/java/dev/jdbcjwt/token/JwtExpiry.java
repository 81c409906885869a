package dev.jdbcjwt.token;

import com.nimbusds.jwt.JWT;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads a JWT's {@code exp} claim for {@link Token#fromJwt}, safely for any JSON number an issuer may write. */
final class JwtExpiry {

  private JwtExpiry() {
  }

  /**
   * The {@code exp} claim read from the payload itself rather than through nimbus's date conversion, which wraps
   * values beyond the 64-bit millisecond range (an {@code exp} of 1e30 became 1969-12-31T23:59:59Z): a JSON number
   * of seconds since 1970, fractions dropped, held within {@link Token#EARLIEST_EXPIRY} and
   * {@link Token#LATEST_EXPIRY}.
   *
   * @return null when there is no {@code exp}
   */
  static Instant of(JWT jwt) throws TokenException {
    if (!(jwt instanceof com.nimbusds.jose.JOSEObject jose) || jose.getPayload() == null) {
      return null; // encrypted: refused by JwtParsing.claimsOf
    }
    Map<String, Object> payload = jose.getPayload().toJSONObject();
    Object exp = payload == null ? null : payload.get("exp");
    if (exp == null) {
      return null;
    }
    BigDecimal seconds = exp instanceof Number n ? decimal(n) : null;
    if (seconds == null) {
      throw TokenException.unavailable("the token's 'exp' claim is not a number of seconds since 1970 (it is "
          + jsonType(exp) + "), so its lifetime is unknown", null);
    }
    // compared before converting: never expand a huge exponent to its digits
    if (seconds.compareTo(BigDecimal.valueOf(Token.LATEST_EXPIRY.getEpochSecond())) > 0) {
      return Token.LATEST_EXPIRY;
    }
    if (seconds.compareTo(BigDecimal.valueOf(Token.EARLIEST_EXPIRY.getEpochSecond())) < 0) {
      return Token.EARLIEST_EXPIRY;
    }
    return Instant.ofEpochSecond(seconds.longValue()); // fractions dropped
  }

  /** A JSON number as the parser gives it; infinity as a value beyond any bound; null for NaN or other types. */
  private static BigDecimal decimal(Number n) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isNaN(d) ? null : Double.isInfinite(d) ? BigDecimal.valueOf(d > 0 ? Long.MAX_VALUE
          : Long.MIN_VALUE) : BigDecimal.valueOf(d);
    }
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    String text = n.toString(); // e.g. a lazily parsed number: its text as written, bounded by the parser
    try {
      return text.length() > 100 ? null : new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String jsonType(Object value) {
    return value instanceof String ? "a JSON string" : value instanceof Boolean ? "a JSON boolean"
        : value instanceof List<?> ? "a JSON array" : value instanceof Map<?, ?> ? "a JSON object" : "not a number";
  }
}
