package dev.jdbcjwt.token.cache;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fan-out of {@link TokenEvent}s: every listener hears every event, whatever another one throws. Events are
 * collected while a cache holds its lock and handed out after it let go of it.
 */
final class Listeners {

  private final List<TokenListener> listeners = new CopyOnWriteArrayList<>();

  Listeners(List<TokenListener> initial) {
    listeners.addAll(initial);
  }

  void add(TokenListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  void remove(TokenListener listener) {
    listeners.remove(listener);
  }

  /** Hands each of {@code events} to each listener, in order. */
  void emit(List<TokenEvent> events) {
    for (TokenEvent event : events) {
      notify(listeners, event);
    }
  }

  /** Hands {@code event} to each of {@code to}; one that throws stops neither the cache nor the others. */
  static void notify(List<TokenListener> to, TokenEvent event) {
    for (TokenListener l : to) {
      try {
        l.onEvent(event);
      } catch (RuntimeException ignored) {
        // a listener must not break the cache or the other listeners
      }
    }
  }
}
