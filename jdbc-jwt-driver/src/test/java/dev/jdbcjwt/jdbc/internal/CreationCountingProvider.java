package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only {@code jwt.provider=test-third-party}: a third-party provider that counts how often it is created, to show
 * that a refused URL never gets as far as creating its token source.
 */
public final class CreationCountingProvider implements TokenSourceProvider {

  public static final AtomicInteger CREATED = new AtomicInteger();

  @Override
  public String name() {
    return "test-third-party";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) {
    CREATED.incrementAndGet();
    String user = config.user().orElse("app");
    return () -> Token.fromJwt(TestIssuer.shared().mint(user));
  }
}
