package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The innermost decorator of a cache's source: a token that has already expired, or expires within the clock skew,
 * is a failure like any other, with a message that says what to check. The layers above see only usable tokens.
 */
final class UsableTokenCheck implements TokenSource {

  private final TokenSource source;
  private final Clock clock;
  private final Duration clockSkew;

  UsableTokenCheck(TokenSource source, Clock clock, Duration clockSkew) {
    this.source = source;
    this.clock = clock;
    this.clockSkew = clockSkew;
  }

  @Override
  public Token fetch() throws TokenException {
    Token token = source.fetch();
    Instant at = clock.instant();
    if (token.isExpired(at, Duration.ZERO)) {
      throw TokenException.unavailable("the token source gave a token that had already expired at "
          + token.expiresAt() + "; check the clocks of this machine and of the token's issuer, and the lifetime "
          + "the issuer gives its tokens", null);
    }
    if (token.isExpired(at, clockSkew)) {
      throw TokenException.unavailable("the token source gave a token expiring at " + token.expiresAt()
          + ", within jwt.clockSkew=" + Durations.format(clockSkew) + "; its tokens live too short for this skew",
          null);
    }
    return token;
  }

  @Override
  public void close() {
    source.close();
  }
}
