package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.cache.TokenListener;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the tokens a cache obtained (its first fetch and its refreshes) and its failed refreshes. */
final class TokenCounter implements TokenListener {

  final AtomicLong tokens = new AtomicLong();
  final AtomicLong failures = new AtomicLong();

  @Override
  public void onEvent(TokenEvent event) {
    if (event.type() == TokenEvent.Type.FETCHED || event.type() == TokenEvent.Type.REFRESHED) {
      tokens.incrementAndGet();
    } else if (event.type() == TokenEvent.Type.REFRESH_FAILED) {
      failures.incrementAndGet();
    }
  }
}
