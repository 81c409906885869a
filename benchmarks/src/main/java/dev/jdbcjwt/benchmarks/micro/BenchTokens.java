package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;

import java.time.Duration;

/** Tokens for the microbenchmarks: real RS256 JWTs (about 800 bytes) living long enough never to be refreshed. */
final class BenchTokens {

  static final String SUBJECT = "orders";

  private BenchTokens() {
  }

  static String jwt() {
    return TestIssuer.shared().mint(SUBJECT, Duration.ofHours(6));
  }

  static Token token() {
    try {
      return Token.fromJwt(jwt());
    } catch (TokenException e) {
      throw new IllegalStateException(e);
    }
  }
}
