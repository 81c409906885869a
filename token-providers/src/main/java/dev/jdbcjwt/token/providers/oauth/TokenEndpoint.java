package dev.jdbcjwt.token.providers.oauth;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.http.Endpoints;
import dev.jdbcjwt.token.providers.http.IdpHttp;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Where token requests go: {@code jwt.tokenEndpoint}, or what discovery from {@code jwt.issuer} says. */
@FunctionalInterface
interface TokenEndpoint {

  URI resolve() throws TokenException;

  static TokenEndpoint from(TokenConfig config, String provider, IdpHttp http, Clock clock) throws TokenException {
    Optional<String> fixed = config.get(JwtOption.TOKEN_ENDPOINT);
    if (fixed.isPresent()) {
      URI uri = Endpoints.parse(JwtOption.TOKEN_ENDPOINT, fixed.get());
      Endpoints.requireSecure(uri, JwtOption.TOKEN_ENDPOINT.key(), http.settings(), Set.of());
      return () -> uri;
    }
    Optional<URI> issuer = issuer(config, http);
    if (issuer.isEmpty()) {
      throw TokenException.configuration("jwt.provider=" + provider + " needs " + JwtOption.TOKEN_ENDPOINT.key()
          + " or " + JwtOption.ISSUER.key() + " (for OpenID Connect discovery); add one to the URL or properties");
    }
    URI issuerUri = issuer.get();
    String trustStore = config.get(JwtOption.TRUST_STORE)
        .map(t -> java.nio.file.Path.of(t).toAbsolutePath().normalize().toString()).orElse("");
    return () -> Discovery.SHARED.tokenEndpoint(issuerUri, trustStore, http, clock);
  }

  /** {@code jwt.issuer} as a checked URL, when set. */
  static Optional<URI> issuer(TokenConfig config, IdpHttp http) throws TokenException {
    Optional<String> issuer = config.get(JwtOption.ISSUER);
    if (issuer.isEmpty()) {
      return Optional.empty();
    }
    URI uri = Endpoints.parse(JwtOption.ISSUER, issuer.get());
    Endpoints.requireSecure(uri, JwtOption.ISSUER.key(), http.settings(), Set.of());
    return Optional.of(uri);
  }
}
