package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderConfigurationRequest;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.providers.Redaction;
import dev.jdbcjwt.token.providers.http.Endpoints;
import dev.jdbcjwt.token.providers.http.IdpHttp;
import dev.jdbcjwt.token.providers.http.JsonBodies;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenID Connect discovery ({@code <issuer>/.well-known/openid-configuration}) of the token endpoint, cached for an
 * hour per everything that decides whether the answer is trusted: the issuer, {@code jwt.allowInsecureHttp} and the
 * trust store. Configurations of the same identity provider with the same trust settings share one lookup; a
 * configuration that allows plain http can never hand its {@code http://} endpoint to a strict one. The https rule is
 * checked again on every use of a cached endpoint. Failures are not cached. Thread-safe.
 */
final class Discovery {

  /** Shared by every source in this class loader; holds only issuer URL to token endpoint URL. */
  static final Discovery SHARED = new Discovery(Duration.ofHours(1));

  private static final int MAX_ISSUERS = 256;

  private record Entry(URI tokenEndpoint, Instant fetchedAt) {
  }

  /**
   * What a discovered endpoint is trusted under.
   *
   * @param trustStore {@code jwt.trustStore} as an absolute path, or empty for the JDK's default trust
   */
  record Key(URI issuer, boolean allowInsecureHttp, String trustStore) {
  }

  private final Duration ttl;
  private final Map<Key, Entry> byIssuer = new ConcurrentHashMap<>();

  Discovery(Duration ttl) {
    this.ttl = ttl;
  }

  /**
   * @param trustStore the configuration's {@code jwt.trustStore} (absolute path), or "" for the default trust
   */
  URI tokenEndpoint(URI issuer, String trustStore, IdpHttp http, Clock clock) throws TokenException {
    Instant now = clock.instant();
    Key key = new Key(issuer, http.settings().allowInsecureHttp(), trustStore);
    Entry cached = byIssuer.get(key);
    if (cached != null && !now.isBefore(cached.fetchedAt) && now.isBefore(cached.fetchedAt.plus(ttl))) {
      requireSecure(cached.tokenEndpoint, http); // on every use, whatever filled the cache
      return cached.tokenEndpoint;
    }
    URI endpoint = discover(issuer, http);
    if (byIssuer.size() >= MAX_ISSUERS) {
      byIssuer.clear();
    }
    byIssuer.put(key, new Entry(endpoint, now));
    return endpoint;
  }

  private static void requireSecure(URI endpoint, IdpHttp http) throws TokenException {
    Endpoints.requireSecure(endpoint, "the token endpoint discovered from " + JwtOption.ISSUER.key(), http.settings(),
        Set.of());
  }

  private static URI discover(URI issuer, IdpHttp http) throws TokenException {
    HTTPRequest request = new OIDCProviderConfigurationRequest(new Issuer(issuer)).toHTTPRequest();
    String where = "OpenID discovery " + Endpoints.describe(request.getURI());
    HTTPResponse response = http.send(request, "OpenID discovery");
    if (response.getStatusCode() != 200) {
      String advice = response.getStatusCode() >= 500 ? "the identity provider failed; retry later"
          : "check " + JwtOption.ISSUER.key() + " (the issuer URL, without /.well-known/...), or set "
              + JwtOption.TOKEN_ENDPOINT.key() + " instead";
      throw TokenException.unavailable(where + " answered HTTP " + response.getStatusCode() + "; " + advice, null);
    }
    AuthorizationServerMetadata metadata;
    try {
      metadata = AuthorizationServerMetadata.parse(JsonBodies.parseObject(response.getBody()));
    } catch (ParseException | RuntimeException e) {
      throw TokenException.unavailable(where + " did not answer with OpenID provider metadata ("
          + Redaction.redact(e.getMessage(), 200) + "); check " + JwtOption.ISSUER.key(), null);
    }
    String declared = metadata.getIssuer().getValue();
    if (!trimSlash(declared).equals(trimSlash(issuer.toString()))) {
      String named = Redaction.endpoint(declared.length() > 200 ? declared.substring(0, 200) + "…" : declared);
      throw TokenException.configuration(JwtOption.ISSUER.key() + " is '" + Redaction.endpoint(issuer.toString())
          + "' but its discovery document names issuer '" + named + "'; set " + JwtOption.ISSUER.key()
          + " to the issuer exactly as the identity provider names it");
    }
    URI endpoint = metadata.getTokenEndpointURI();
    if (endpoint == null) {
      throw TokenException.unavailable(where + " names no token_endpoint; set " + JwtOption.TOKEN_ENDPOINT.key(),
          null);
    }
    URI checked = Endpoints.parse("the token_endpoint of " + where, endpoint.toString());
    requireSecure(checked, http);
    return checked;
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
