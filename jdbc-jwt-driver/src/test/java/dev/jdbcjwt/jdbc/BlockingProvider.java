package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Test-only {@code jwt.provider=test-blocking}: an identity provider that does not answer until released. */
public final class BlockingProvider implements TokenSourceProvider {

  public static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Override
  public String name() {
    return "test-blocking";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) {
    return () -> {
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw TokenException.unavailable("released without a token", null);
    };
  }
}
