package dev.jdbcjwt.token.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcjwt.token.config.TokenConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TokenCachesListenersTest {

  @Test
  void aThrowingListenerDoesNotHideEventsFromTheOthers() throws Exception {
    List<TokenEvent> seen = new CopyOnWriteArrayList<>();
    TokenListener broken = event -> {
      throw new IllegalStateException("broken listener");
    };
    TokenListener recording = seen::add;
    TokenCaches.addListener(broken);
    TokenCaches.addListener(recording);
    try {
      TokenCaches.forConfig(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "listener-test"), "u"))
          .fetch();
      assertThat(seen).isNotEmpty();
    } finally {
      TokenCaches.removeListener(broken);
      TokenCaches.removeListener(recording);
      TokenCaches.clear();
    }
  }

  @Test
  void removingTheSameInstanceStopsEvents() throws Exception {
    List<TokenEvent> seen = new CopyOnWriteArrayList<>();
    TokenListener recording = seen::add;
    TokenCaches.addListener(recording);
    TokenCaches.removeListener(recording);
    TokenCaches.forConfig(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "removed-test"), "u")).fetch();
    TokenCaches.clear();
    assertThat(seen).isEmpty();
  }
}
