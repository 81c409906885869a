package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.Durations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * At most one call to the token source under way, however many threads ask: the first starts it on the executor, the
 * others join it ({@link #joinOrStart}) and wait a bounded time ({@link #await}). When the call ends, the owner hears
 * of it ({@link Outcome}) before the flight is over, so nobody can see "no flight" before the owner has recorded the
 * result; then waiting callers get their answer.
 */
final class SingleFlight {

  /** Receives each call's result: {@code token} on success, else {@code error}; never throws to the flight. */
  @FunctionalInterface
  interface Outcome {
    void accept(Token token, TokenException error, Duration latency);
  }

  private final TokenSource source;
  private final Executor executor;
  private final Clock clock;
  private final Outcome outcome;
  private final AtomicReference<CompletableFuture<Token>> inflight = new AtomicReference<>();

  SingleFlight(TokenSource source, Executor executor, Clock clock, Outcome outcome) {
    this.source = source;
    this.executor = executor;
    this.clock = clock;
    this.outcome = outcome;
  }

  /** True while a call is under way. */
  boolean inFlight() {
    return inflight.get() != null;
  }

  /** The call under way, or a new one started now. */
  CompletableFuture<Token> joinOrStart() {
    CompletableFuture<Token> flight = new CompletableFuture<>();
    CompletableFuture<Token> running = inflight.compareAndExchange(null, flight);
    if (running != null) {
      return running;
    }
    try {
      executor.execute(() -> load(flight));
    } catch (RejectedExecutionException e) {
      inflight.compareAndSet(flight, null);
      flight.completeExceptionally(TokenException.unavailable("the token refresh executor is shut down", e));
    }
    return flight;
  }

  private void load(CompletableFuture<Token> flight) {
    Instant start = clock.instant();
    Token token = null;
    TokenException error = null;
    try {
      token = source.fetch();
    } catch (TokenException e) {
      error = e;
    } catch (RuntimeException e) {
      error = TokenException.unavailable("the token source failed unexpectedly (" + e.getClass().getSimpleName()
          + ")", e);
    }
    try {
      outcome.accept(token, error, Duration.between(start, clock.instant()));
    } finally {
      // whatever happened above (a scheduler that throws), callers waiting for this flight get their answer now
      inflight.compareAndSet(flight, null);
      if (error == null) {
        flight.complete(token);
      } else {
        flight.completeExceptionally(error);
      }
    }
  }

  /**
   * Waits at most {@code timeout} for {@code flight}; on timeout the error names {@code jwt.fetchTimeout} and the
   * source's {@code last} error. A failure is thrown as a new exception, so the caller's stack shows where it waited.
   */
  static Token await(CompletableFuture<Token> flight, Duration timeout, Optional<TokenException> last)
      throws TokenException {
    try {
      return flight.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      TokenException previous = last.orElse(null);
      throw TokenException.unavailable("no token within jwt.fetchTimeout=" + Durations.format(timeout)
          + "; the token source has not answered yet"
          + (previous == null ? "" : ". Last error: " + previous.getMessage()), previous);
    } catch (ExecutionException e) {
      TokenException cause = e.getCause() instanceof TokenException t ? t
          : TokenException.unavailable("the token source failed", e.getCause());
      throw new TokenException(cause.kind(), cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw TokenException.unavailable("interrupted while waiting for a token", e);
    }
  }
}
