package dev.jdbcjwt.token.providers.http;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How this library talks to identity providers and metadata endpoints: timeouts, the largest response it reads, whether
 * plain http is allowed beyond loopback, and whose certificates it trusts.
 *
 * @param timeout connect timeout, and the wait for an answer to start (the whole answer: twice this)
 * @param maxResponseBytes a larger response is refused
 * @param allowInsecureHttp {@code jwt.allowInsecureHttp}
 * @param sslContext from {@code jwt.trustStore}; empty: the JDK's default trust
 */
public record HttpSettings(Duration timeout, int maxResponseBytes, boolean allowInsecureHttp,
    Optional<SSLContext> sslContext) {

  /** Token responses are a few KB; a megabyte means a wrong URL or a hostile server. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;

  public static HttpSettings from(TokenConfig config) throws TokenException {
    Duration timeout = config.duration(JwtOption.HTTP_TIMEOUT).orElseThrow();
    if (timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw TokenException.configuration(JwtOption.HTTP_TIMEOUT.key() + " must be more than 0 and at most 24d (got "
          + Durations.format(timeout) + ")");
    }
    boolean insecure = config.bool(JwtOption.ALLOW_INSECURE_HTTP);
    Optional<SSLContext> trust = Optional.empty();
    Optional<Path> trustStore = config.path(JwtOption.TRUST_STORE);
    if (trustStore.isPresent()) {
      trust = Optional.of(TrustStores.context(trustStore.get(),
          config.secret(JwtOption.TRUST_STORE_PASSWORD)));
    }
    return new HttpSettings(timeout, DEFAULT_MAX_RESPONSE_BYTES, insecure, trust);
  }
}
