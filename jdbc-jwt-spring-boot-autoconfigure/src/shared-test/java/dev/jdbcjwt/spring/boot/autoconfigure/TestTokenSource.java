package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.cache.TokenCache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A token source for cache-level tests: real JWTs from {@link TestIssuer#shared()} issued at {@code clock}'s now and
 * living five minutes, or a failure when told to fail; and a cache over it on the same clock, with refreshes run on
 * the calling thread (no timers: time moves only with the test's clock, e.g. the harness's {@code FakeClock}).
 */
public final class TestTokenSource implements TokenSource {

  private final String subject;
  private final Clock clock;
  private final AtomicReference<TokenException> failure = new AtomicReference<>();
  private final AtomicInteger calls = new AtomicInteger();

  public TestTokenSource(String subject, Clock clock) {
    this.subject = subject;
    this.clock = clock;
  }

  @Override
  public Token fetch() throws TokenException {
    calls.incrementAndGet();
    TokenException e = failure.get();
    if (e != null) {
      throw e;
    }
    Instant now = clock.instant();
    return Token.fromJwt(TestIssuer.shared().mint(subject, claims -> claims
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))));
  }

  public void failWith(TokenException e) {
    failure.set(e);
  }

  public int calls() {
    return calls.get();
  }

  /** A cache over this source on its clock; events go to {@code listeners}. */
  public TokenCache cache(String label, dev.jdbcjwt.token.cache.TokenListener... listeners) {
    var builder = TokenCache.builder(this).label(label).clock(clock)
        .scheduler((task, delay) -> () -> { })
        .executor(Runnable::run)
        .clockSkew(Duration.ofSeconds(30))
        .random(() -> 0.0);
    for (var l : listeners) {
      builder.listener(l);
    }
    return builder.build();
  }
}
