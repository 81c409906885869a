package dev.jdbcjwt.token.providers.http;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.providers.Redaction;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one way providers send HTTP requests: through {@link HttpTransport}, with network failures turned into
 * {@link TokenException.Kind#UNAVAILABLE} errors that name the endpoint and say what to check. Thread-safe.
 */
public final class IdpHttp {

  private final HttpSettings settings;
  private final HttpTransport transport;

  /**
   * @param direct bypass any configured proxy (for cloud metadata endpoints, which must be reached directly)
   */
  public IdpHttp(HttpSettings settings, boolean direct) {
    this.settings = settings;
    this.transport = new HttpTransport(settings, direct);
  }

  public HttpSettings settings() {
    return settings;
  }

  /**
   * Sends {@code request} and returns the response, whatever its status.
   *
   * @param what names the endpoint in messages, e.g. "token endpoint"
   */
  public HTTPResponse send(HTTPRequest request, String what) throws TokenException {
    URI uri = request.getURI();
    String where = what + " " + Endpoints.describe(uri);
    try {
      return transport.send(request);
    } catch (HttpTransport.ResponseTooLargeException e) {
      throw TokenException.unavailable(where + " answered with more than " + settings.maxResponseBytes() / 1024
          + " KiB; check that the URL is the right endpoint", e);
    } catch (SocketTimeoutException | HttpTimeoutException e) {
      throw TokenException.unavailable(where + " did not answer within " + Durations.format(settings.timeout())
          + " (" + JwtOption.HTTP_TIMEOUT.key() + "); check that it is reachable from here, or raise "
          + JwtOption.HTTP_TIMEOUT.key(), e);
    } catch (UnknownHostException e) {
      throw TokenException.unavailable(where + ": host '" + uri.getHost() + "' is not known; check the URL and DNS",
          e);
    } catch (ConnectException e) {
      throw TokenException.unavailable("cannot connect to " + where + " (" + e.getMessage() + "); check the URL "
          + "and that the endpoint is reachable from here", e);
    } catch (SSLException e) {
      throw TokenException.unavailable("TLS with " + where + " failed (" + e.getClass().getSimpleName() + "); if "
          + "its certificate comes from a private CA, give that CA in " + JwtOption.TRUST_STORE.key(), e);
    } catch (IOException e) {
      throw TokenException.unavailable("the connection to " + where + " failed (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + Redaction.redact(e.getMessage(), 200)) + "); retry later, or "
          + "check the endpoint", e);
    }
  }
}
