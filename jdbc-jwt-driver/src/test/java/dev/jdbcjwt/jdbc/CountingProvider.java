package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only {@code jwt.provider=test-counting}: a slow identity provider that counts its requests. */
public final class CountingProvider implements TokenSourceProvider {

  public static final AtomicInteger REQUESTS = new AtomicInteger();

  @Override
  public String name() {
    return "test-counting";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) {
    String user = config.user().orElse("app");
    return () -> {
      REQUESTS.incrementAndGet();
      try {
        Thread.sleep(200); // an identity provider takes a while to answer
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Token.fromJwt(TestIssuer.shared().mint(user));
    };
  }
}
