package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.Redaction;
import dev.jdbcjwt.token.providers.http.Endpoints;
import dev.jdbcjwt.token.providers.http.HttpSettings;
import dev.jdbcjwt.token.providers.http.IdpHttp;
import dev.jdbcjwt.token.providers.http.TokenResponses;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An OAuth 2.0 client of one token endpoint: builds the token request for a grant (client authentication, scope,
 * resource, audience) with nimbus, sends it, and reads the answer. Shared by every OAuth grant provider. Thread-safe.
 */
final class OAuthClient {

  private final String provider;
  private final TokenEndpoint endpoint;
  private final ClientAuth clientAuth;
  private final Optional<Scope> scope;
  private final List<URI> resources;
  private final List<String> audience;
  private final IdpHttp http;
  private final Clock clock;

  private OAuthClient(String provider, TokenEndpoint endpoint, ClientAuth clientAuth, Optional<Scope> scope,
      List<URI> resources, List<String> audience, IdpHttp http, Clock clock) {
    this.provider = provider;
    this.endpoint = endpoint;
    this.clientAuth = clientAuth;
    this.scope = scope;
    this.resources = resources;
    this.audience = audience;
    this.http = http;
    this.clock = clock;
  }

  /**
   * @param clientRequired whether the grant needs an authenticated client
   * @param audienceParameter send {@code jwt.audience} as the {@code audience} request parameter (token exchange
   *     carries it in the grant instead)
   */
  static OAuthClient from(TokenConfig config, String provider, Clock clock, boolean clientRequired,
      boolean audienceParameter) throws TokenException {
    IdpHttp http = new IdpHttp(HttpSettings.from(config), false);
    ClientAuth auth = ClientAuth.from(config, provider, clientRequired);
    TokenEndpoint endpoint = TokenEndpoint.from(config, provider, http, clock);
    Optional<Scope> scope = config.get(JwtOption.SCOPE).map(s -> new Scope(split(s).toArray(String[]::new)))
        .filter(s -> !s.isEmpty());
    List<URI> resources = new ArrayList<>();
    for (String r : config.get(JwtOption.RESOURCE).map(OAuthClient::split).orElse(List.of())) {
      resources.add(resource(r));
    }
    return new OAuthClient(provider, endpoint, auth, scope, List.copyOf(resources),
        audienceParameter ? audience(config) : List.of(), http, clock);
  }

  /** {@code jwt.audience}, split at commas and spaces. */
  static List<String> audience(TokenConfig config) {
    return config.get(JwtOption.AUDIENCE).map(OAuthClient::split).orElse(List.of());
  }

  static List<String> split(String values) {
    return Arrays.stream(values.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
  }

  private static URI resource(String value) throws TokenException {
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute() && uri.getFragment() == null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw TokenException.configuration(JwtOption.RESOURCE.key() + " must be absolute URIs without a fragment "
        + "(RFC 8707), e.g. https://db.example.com (got '" + Redaction.endpoint(value) + "')");
  }

  /** The URL token requests go to; may run discovery. */
  URI tokenEndpoint() throws TokenException {
    return endpoint.resolve();
  }

  /** Requests a token with {@code grant}. */
  Token request(AuthorizationGrant grant) throws TokenException {
    URI uri = tokenEndpoint();
    Optional<ClientAuthentication> auth = clientAuth.authenticate(uri, clock.instant());
    TokenRequest.Builder builder = auth.isPresent() ? new TokenRequest.Builder(uri, auth.get(), grant)
        : clientAuth.clientId().isPresent() ? new TokenRequest.Builder(uri, clientAuth.clientId().get(), grant)
        : new TokenRequest.Builder(uri, grant);
    scope.ifPresent(builder::scope);
    if (!resources.isEmpty()) {
      builder.resources(resources.toArray(URI[]::new));
    }
    if (!audience.isEmpty()) {
      builder.customParameter("audience", audience.toArray(String[]::new));
    }
    HTTPResponse response = http.send(builder.build().toHTTPRequest(), "token endpoint");
    return TokenResponses.read(response, "token endpoint " + Endpoints.describe(uri), clock, this::advice);
  }

  private String advice(String code) {
    switch (code) {
      case "invalid_client":
        return "the identity provider did not accept the client; check " + clientAuth.optionsToCheck();
      case "unauthorized_client":
        return "check that client " + clientAuth.clientId().map(Object::toString).orElse("(none)") + " is allowed "
            + "the grant of jwt.provider=" + provider + " at the identity provider";
      case "invalid_grant":
        return "the identity provider refused the grant; " + grantAdvice();
      case "invalid_scope":
        return "check " + JwtOption.SCOPE.key() + " (scopes the client may request)";
      case "invalid_target":
        return "check " + JwtOption.RESOURCE.key() + " and " + JwtOption.AUDIENCE.key();
      case "unsupported_grant_type":
        return "the identity provider does not offer the grant of jwt.provider=" + provider + " to this client";
      case "server_error":
      case "temporarily_unavailable":
        return "the identity provider failed; retry later, or check its health";
      default:
        return "check the options of jwt.provider=" + provider + " against the identity provider's client settings";
    }
  }

  private String grantAdvice() {
    switch (provider) {
      case "token-exchange":
        return "check the subject token (its issuer, audience and expiry) and " + JwtOption.SUBJECT_TOKEN_TYPE.key();
      case "jwt-bearer":
        return "check the assertion's issuer, subject, audience and expiry, and that its signing key is trusted";
      default:
        return "check the client's grant settings";
    }
  }
}
