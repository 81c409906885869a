package dev.jdbcjwt.jdbc.e2e;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Test-only {@code jwt.provider=test-expired}: hands out JWTs that expired a minute ago while telling the driver they
 * are good for five minutes, so the database (not the driver) is the one that refuses them.
 */
public final class ExpiredTokenProvider implements TokenSourceProvider {

  @Override
  public String name() {
    return "test-expired";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) {
    String user = config.user().orElseThrow();
    return () -> {
      Instant past = clock.instant().minus(Duration.ofMinutes(10));
      String jwt = TestIssuer.shared().mint(user, b -> b.issueTime(Date.from(past))
          .expirationTime(Date.from(past.plus(Duration.ofMinutes(9)))));
      return Token.opaque(Secret.of(jwt), clock.instant(), Duration.ofMinutes(5));
    };
  }
}
