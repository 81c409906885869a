package dev.jdbcjwt.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the parts of a compact JWT for {@link Token}: its shape, the parsed JWT, its claims set, its key id and its
 * payload as the issuer encoded it. No signature is verified, and no message quotes the token.
 */
final class JwtParsing {

  private JwtParsing() {
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

  /** Parses {@code jwt}; refuses empty text and text that is not a well-formed JWT. */
  static JWT parse(String jwt) throws TokenException {
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

  /** The claims set of {@code jwt}; refuses an encrypted JWT and a payload that is not a JSON claims set. */
  static JWTClaimsSet claimsOf(JWT jwt) throws TokenException {
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

  /** The {@code kid} of a JWS or JWE header; null for other headers and headers without one. */
  static String keyIdOf(Header header) {
    return header instanceof JWSHeader jws ? jws.getKeyID()
        : header instanceof JWEHeader jwe ? jwe.getKeyID() : null;
  }

  /**
   * The decoded payload of a three-part compact JWT, exactly as the issuer encoded it; empty for any other shape or a
   * payload that is not base64url.
   */
  static Optional<String> payloadJson(String jwt) {
    int first = jwt.indexOf('.');
    int second = jwt.indexOf('.', first + 1);
    if (first < 0 || second < 0 || jwt.indexOf('.', second + 1) >= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Base64.getUrlDecoder().decode(jwt.substring(first + 1, second)),
          StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
