package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The single-flight layer on its own, with an executor that runs tasks only when told. */
class SingleFlightTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  private final FakeTime time = new FakeTime(T0);
  private final Queue<Runnable> queued = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> outcomes = new ArrayList<>();
  private SingleFlight flights;

  private SingleFlight flights(dev.jdbcjwt.token.TokenSource source) {
    flights = new SingleFlight(source, queued::add, time, (token, error, latency) ->
        outcomes.add((error == null ? "ok" : error.getMessage()) + " in " + latency + ", flight "
            + (flights.inFlight() ? "open" : "over")));
    return flights;
  }

  private Token answer() {
    calls.incrementAndGet();
    time.advance(Duration.ofMillis(250));
    return Token.opaque(Secret.of("flight-" + calls.get()), time.instant(), Duration.ofMinutes(5));
  }

  @Test
  void callersJoinTheCallUnderWayAndTheOwnerHearsOfItBeforeItIsOver() throws Exception {
    SingleFlight f = flights(this::answer);
    CompletableFuture<Token> first = f.joinOrStart();
    assertThat(f.joinOrStart()).isSameAs(first);
    assertThat(f.inFlight()).isTrue();
    assertThat(queued).hasSize(1);

    queued.remove().run();
    assertThat(calls).hasValue(1);
    assertThat(outcomes).containsExactly("ok in PT0.25S, flight open");
    assertThat(f.inFlight()).isFalse();
    assertThat(SingleFlight.await(first, Duration.ofSeconds(1), java.util.Optional.empty())).isNotNull();
    assertThat(f.joinOrStart()).as("the next call is a new flight").isNotSameAs(first);
  }

  @Test
  void aFailureReachesTheOwnerAndEveryWaiterWithItsKind() {
    SingleFlight f = flights(() -> {
      throw TokenException.configuration("jwt.tokenFile: file '/x' does not exist");
    });
    CompletableFuture<Token> flight = f.joinOrStart();
    queued.remove().run();
    assertThat(outcomes).containsExactly("jwt.tokenFile: file '/x' does not exist in PT0S, flight open");
    assertThatThrownBy(() -> SingleFlight.await(flight, Duration.ofSeconds(1), java.util.Optional.empty()))
        .isInstanceOfSatisfying(TokenException.class,
            e -> assertThat(e.kind()).isEqualTo(TokenException.Kind.CONFIGURATION))
        .hasMessage("jwt.tokenFile: file '/x' does not exist");
  }

  @Test
  void anUnexpectedRuntimeExceptionBecomesAnUnavailableError() {
    SingleFlight f = flights(() -> {
      throw new IllegalStateException("bug");
    });
    f.joinOrStart();
    queued.remove().run();
    assertThat(outcomes).containsExactly("the token source failed unexpectedly (IllegalStateException) in PT0S, "
        + "flight open");
    assertThat(f.inFlight()).isFalse();
  }

  @Test
  void aShutDownExecutorFailsTheFlightAtOnceAndLeavesNoneOpen() {
    SingleFlight f = new SingleFlight(this::answer, task -> {
      throw new RejectedExecutionException("shut down");
    }, time, (t, e, l) -> { });
    CompletableFuture<Token> flight = f.joinOrStart();
    assertThat(f.inFlight()).isFalse();
    assertThatThrownBy(() -> SingleFlight.await(flight, Duration.ofSeconds(1), java.util.Optional.empty()))
        .hasMessage("the token refresh executor is shut down");
  }

  @Test
  void waitingEndsAfterTheTimeoutWithTheLastError() {
    SingleFlight f = flights(this::answer);
    CompletableFuture<Token> flight = f.joinOrStart();
    assertThatThrownBy(() -> SingleFlight.await(flight, Duration.ofMillis(20),
        java.util.Optional.of(TokenException.unavailable("HTTP 503", null))))
        .hasMessage("no token within jwt.fetchTimeout=20ms; the token source has not answered yet. "
            + "Last error: HTTP 503");
  }
}
