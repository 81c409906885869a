package dev.jdbcjwt.token.providers.http;

import com.nimbusds.oauth2.sdk.http.HTTPRequestSender;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.http.ReadOnlyHTTPRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends nimbus HTTP requests with the JDK's {@link HttpClient}: HTTP/1.1, connect timeout, a deadline for the whole
 * exchange, no redirects, the configured trust, and a bounded response body. Unlike {@code HttpURLConnection}, the
 * JDK client does not write request headers (where client secrets travel) to {@code java.util.logging} at FINE.
 * Thread-safe; one client per source.
 */
final class HttpTransport implements HTTPRequestSender {

  /** The body was larger than {@link HttpSettings#maxResponseBytes()}. */
  static final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(int limit) {
      super("response larger than " + limit + " bytes");
    }
  }

  /** No proxy, whatever the JVM's default: cloud metadata endpoints must be reached directly. */
  private static final ProxySelector NO_PROXY = new ProxySelector() {
    @Override
    public List<Proxy> select(URI uri) {
      return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
      // nothing to remember
    }
  };

  private final HttpSettings settings;
  private final HttpClient client;

  /** @param direct bypass proxies (cloud metadata endpoints must be reached directly) */
  HttpTransport(HttpSettings settings, boolean direct) {
    this.settings = settings;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (direct) {
      builder.proxy(NO_PROXY);
    } else {
      builder.proxy(ProxySelector.getDefault() == null ? NO_PROXY : ProxySelector.getDefault());
    }
    settings.sslContext().ifPresent(builder::sslContext);
    this.client = builder.build();
  }

  @Override
  public HTTPResponse send(ReadOnlyHTTPRequest request) throws IOException {
    String body = request.getBody();
    HttpRequest.Builder b = HttpRequest.newBuilder(request.getURI()).timeout(settings.timeout())
        .method(request.getMethod().name(), body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (Map.Entry<String, List<String>> h : request.getHeaderMap().entrySet()) {
      for (String value : h.getValue()) {
        b.header(h.getKey(), value);
      }
    }
    CompletableFuture<HttpResponse<String>> future = client.sendAsync(b.build(), info -> new Bounded(
        settings.maxResponseBytes(), info.headers()));
    HttpResponse<String> r;
    try {
      // the request timeout covers the wait for the headers; this deadline also covers a body that dribbles in
      r = future.get(settings.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new SocketTimeoutException("no complete answer in time");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
    HTTPResponse response = new HTTPResponse(r.statusCode());
    for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
      try {
        response.setHeader(h.getKey(), h.getValue().toArray(String[]::new));
      } catch (RuntimeException e) {
        // a header nimbus cannot represent (e.g. a malformed Content-Type) is left out
      }
    }
    response.setBody(r.body());
    return response;
  }

  /** Collects the body up to a limit; beyond it, cancels the exchange. */
  private static final class Bounded implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Bounded(int limit, HttpHeaders headers) {
      this.limit = limit;
      if (headers.firstValueAsLong("Content-Length").orElse(0) > limit) {
        result.completeExceptionally(new ResponseTooLargeException(limit));
      }
    }

    @Override
    public CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (result.isDone()) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      for (ByteBuffer item : items) {
        if (bytes.size() + item.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new ResponseTooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toString(StandardCharsets.UTF_8));
    }
  }
}
