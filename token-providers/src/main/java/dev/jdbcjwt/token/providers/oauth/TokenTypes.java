package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;

import java.util.Set;

/** RFC 8693 token type URIs, from a URI or a short name ({@code jwt} for urn:ietf:params:oauth:token-type:jwt). */
final class TokenTypes {

  private static final String PREFIX = "urn:ietf:params:oauth:token-type:";
  private static final Set<String> SHORT = Set.of("jwt", "access_token", "id_token", "refresh_token", "saml1",
      "saml2");

  private TokenTypes() {
  }

  static TokenTypeURI parse(JwtOption option, String value) throws TokenException {
    String uri = SHORT.contains(value) ? PREFIX + value : value;
    if (!uri.contains(":")) {
      throw TokenException.configuration(option.key() + " must be a token type URI or one of " + String.join(", ",
          new java.util.TreeSet<>(SHORT)) + " (got '" + value + "')");
    }
    try {
      return TokenTypeURI.parse(uri);
    } catch (com.nimbusds.oauth2.sdk.ParseException e) {
      throw TokenException.configuration(option.key() + " is not a valid token type URI (got '" + value + "')");
    }
  }
}
