package dev.jdbcjwt.token.providers.cloud;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.providers.http.Endpoints;
import dev.jdbcjwt.token.providers.http.IdpHttp;
import dev.jdbcjwt.token.providers.http.TokenResponses;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One GET per fetch to a cloud identity endpoint (Azure IMDS or App Service, the GCE metadata server), which answers in
 * the shape of an OAuth token response. Thread-safe.
 */
final class MetadataTokenSource implements TokenSource {

  private final String what;
  private final URI uri;
  private final Map<String, Secret> headers;
  private final IdpHttp http;
  private final TokenResponses.Advice advice;
  private final Clock clock;

  /**
   * @param what names the endpoint in messages
   * @param headers request headers; values are secrets where the platform makes them so
   */
  MetadataTokenSource(String what, URI uri, Map<String, Secret> headers, IdpHttp http, TokenResponses.Advice advice,
      Clock clock) {
    this.what = what;
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.http = http;
    this.advice = advice;
    this.clock = clock;
  }

  /** {@code base} with the query parameters appended, encoded. */
  static URI withQuery(URI base, Map<String, List<String>> parameters) {
    String query = URLUtils.serializeParameters(parameters);
    String s = base.toString();
    return query.isEmpty() ? base : URI.create(s + (base.getRawQuery() == null ? "?" : "&") + query);
  }

  @Override
  public Token fetch() throws TokenException {
    HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, uri);
    headers.forEach((name, value) -> request.setHeader(name, value.reveal()));
    return TokenResponses.read(http.send(request, what), what + " " + Endpoints.describe(uri), clock, advice);
  }

  @Override
  public String toString() {
    return "MetadataTokenSource[" + what + " " + Endpoints.describe(uri) + "]";
  }
}
