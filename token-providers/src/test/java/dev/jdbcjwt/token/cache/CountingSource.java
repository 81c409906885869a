package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Mints opaque tokens living {@code lifetime} from the clock's now; can be told to fail. Counts its calls. */
final class CountingSource implements TokenSource {

  final AtomicInteger calls = new AtomicInteger();
  private final Clock clock;
  private final Duration lifetime;
  volatile TokenException failure;
  volatile Runnable beforeAnswer = () -> { };

  CountingSource(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  @Override
  public Token fetch() throws TokenException {
    int n = calls.incrementAndGet();
    beforeAnswer.run();
    TokenException f = failure;
    if (f != null) {
      throw f;
    }
    return Token.opaque(Secret.of("token-" + n), clock.instant(), lifetime);
  }
}
