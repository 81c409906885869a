package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Keeps the last token and hands it out until it is within {@code clockSkew} of expiry; then one caller fetches a new
 * one while the others wait for it. {@link #invalidate(Token)} drops a token the database refused.
 */
public final class CachingTokenSource implements TokenSource {

  private final TokenSource delegate;
  private final Clock clock;
  private final Duration clockSkew;
  private volatile Token current;

  public CachingTokenSource(TokenSource delegate, Clock clock, Duration clockSkew) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.clockSkew = Objects.requireNonNull(clockSkew, "clockSkew");
  }

  @Override
  public Token fetch() throws TokenException {
    Token token = current;
    if (token != null && !token.isExpired(clock.instant(), clockSkew)) {
      return token;
    }
    synchronized (this) {
      token = current;
      if (token != null && !token.isExpired(clock.instant(), clockSkew)) {
        return token;
      }
      token = delegate.fetch();
      if (token.isExpired(clock.instant(), clockSkew)) {
        throw TokenException.unavailable("the token source gave a token that expires at " + token.expiresAt()
            + ", within the clock skew of " + clockSkew + "; its tokens live too short for this skew", null);
      }
      current = token;
      return token;
    }
  }

  /** Forgets {@code refused} if it is still the current token, so the next fetch gets a fresh one. */
  public void invalidate(Token refused) {
    synchronized (this) {
      if (current == refused) {
        current = null;
      }
    }
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "CachingTokenSource[" + delegate + "]";
  }
}
