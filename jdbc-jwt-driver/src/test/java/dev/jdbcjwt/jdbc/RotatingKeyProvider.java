package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test-only {@code jwt.provider=test-rotating}: an identity provider whose signing key can be rotated by the test
 * ({@link #SIGNER}); tokens live {@code jwt.ttl}. Counts its requests.
 */
public final class RotatingKeyProvider implements TokenSourceProvider {

  public static final AtomicReference<TestIssuer> SIGNER = new AtomicReference<>(TestIssuer.shared());
  public static final AtomicInteger REQUESTS = new AtomicInteger();

  @Override
  public String name() {
    return "test-rotating";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) {
    String user = config.user().orElseThrow();
    Duration ttl = config.duration(JwtOption.TTL).orElseThrow();
    return () -> {
      REQUESTS.incrementAndGet();
      return Token.fromJwt(SIGNER.get().mint(user, b -> b.issueTime(Date.from(clock.instant()))
          .expirationTime(Date.from(clock.instant().plus(ttl)))));
    };
  }
}
