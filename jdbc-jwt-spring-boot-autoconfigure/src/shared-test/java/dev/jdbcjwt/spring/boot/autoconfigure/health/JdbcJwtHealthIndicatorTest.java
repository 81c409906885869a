package dev.jdbcjwt.spring.boot.autoconfigure.health;

import dev.jdbcjwt.spring.boot.autoconfigure.BootLine;
import dev.jdbcjwt.spring.boot.autoconfigure.BootLine.HealthReading;
import dev.jdbcjwt.spring.boot.autoconfigure.TestTokenSource;
import dev.jdbcjwt.testing.FakeClock;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health of real token caches on a manual clock, through the line's own indicator ({@link BootLine}): UP, refresh
 * failing, DOWN, UNKNOWN; never the token.
 */
class JdbcJwtHealthIndicatorTest {

  private final FakeClock clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final List<TokenCache> caches = new ArrayList<>();
  private final JdbcJwtHealthIndicator indicator = new JdbcJwtHealthIndicator(() -> caches, clock);

  @Test
  void withoutTokenSourcesTheStatusIsUnknown() {
    HealthReading health = health();
    assertThat(health.status()).isEqualTo("UNKNOWN");
    assertThat(sources(health)).isEmpty();
  }

  @Test
  void aSourceWithAValidTokenIsUpAndShowsItsMetadataButNotTheToken() throws Exception {
    TestTokenSource source = new TestTokenSource("orders", clock);
    TokenCache cache = source.cache("provider 'signed' for user 'orders'");
    caches.add(cache);
    Token token = cache.fetch();

    HealthReading health = health();

    assertThat(health.status()).isEqualTo("UP");
    Map<String, Object> details = source(health, "provider 'signed' for user 'orders'");
    assertThat(details).containsEntry("status", "UP")
        .containsEntry("expiresAt", token.expiresAt().toString())
        .containsEntry("subject", "orders")
        .containsEntry("keyId", TestIssuer.shared().keyId())
        .doesNotContainKey("lastError");
    assertThat(details).containsEntry("timeToExpiry", "5m");
    clock.advance(Duration.ofSeconds(75));
    assertThat(source(health(), "provider 'signed' for user 'orders'"))
        .containsEntry("timeToExpiry", "3m45s");
    assertThat(health.text().contains(token.value().reveal())).as("health shows the token").isFalse();
  }

  @Test
  void aFailingRefreshKeepsTheSourceUpWhileItsTokenLastsThenItIsDown() throws Exception {
    TestTokenSource source = new TestTokenSource("billing", clock);
    TokenCache cache = source.cache("provider 'client-credentials' for user 'billing'");
    caches.add(cache);
    cache.fetch();
    source.failWith(TokenException.unavailable("the identity provider answered HTTP 503 at "
        + "https://idp.example/token", null));

    clock.advance(Duration.ofMinutes(4)); // past the refresh time, before the end of the usable lifetime
    cache.fetch(); // the due refresh runs (on this thread) and fails; the current token is still served

    Map<String, Object> serving = source(health(), "provider 'client-credentials' for user 'billing'");
    assertThat(health().status()).isEqualTo("UP");
    assertThat(serving).containsEntry("status", "UP").containsEntry("lastErrorKind", "UNAVAILABLE");
    assertThat((String) serving.get("lastError")).contains("HTTP 503");

    clock.advance(Duration.ofMinutes(1)); // now within the clock skew of the expiry: nothing usable left
    HealthReading down = health();
    assertThat(down.status()).isEqualTo("DOWN");
    assertThat(source(down, "provider 'client-credentials' for user 'billing'"))
        .containsEntry("status", "DOWN")
        .doesNotContainKey("expiresAt")
        .containsKey("lastError");
  }

  @Test
  void oneSourceDownMakesTheIndicatorDownAndASourceBeforeItsFirstTokenIsUnknown() throws Exception {
    TestTokenSource healthy = new TestTokenSource("orders", clock);
    TestTokenSource broken = new TestTokenSource("reports", clock);
    broken.failWith(TokenException.refused("the identity provider refused client 'reports': invalid_client", null));
    TokenCache up = healthy.cache("provider 'signed' for user 'orders'");
    TokenCache down = broken.cache("provider 'client-credentials' for user 'reports'");
    TokenCache cold = new TestTokenSource("audit", clock).cache("provider 'signed' for user 'audit'");
    caches.addAll(List.of(up, down, cold));
    up.fetch();
    try {
      down.fetch();
    } catch (TokenException expected) {
      // the cache reports it as its last error
    }

    HealthReading health = health();

    assertThat(health.status()).isEqualTo("DOWN");
    assertThat(source(health, "provider 'signed' for user 'orders'")).containsEntry("status", "UP");
    assertThat(source(health, "provider 'client-credentials' for user 'reports'"))
        .containsEntry("status", "DOWN").containsEntry("lastErrorKind", "REFUSED");
    assertThat(source(health, "provider 'signed' for user 'audit'")).containsEntry("status", "UNKNOWN");
  }

  @Test
  void twoSourcesWithTheSameLabelAreBothShown() throws Exception {
    caches.add(new TestTokenSource("orders", clock).cache("provider 'signed' for user 'orders'"));
    caches.add(new TestTokenSource("orders", clock).cache("provider 'signed' for user 'orders'"));
    assertThat(sources(health())).containsOnlyKeys("provider 'signed' for user 'orders'",
        "provider 'signed' for user 'orders' #2");
  }

  private HealthReading health() {
    return BootLine.health(indicator);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> sources(HealthReading health) {
    return (Map<String, Object>) health.details().get("sources");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> source(HealthReading health, String label) {
    return (Map<String, Object>) sources(health).get(label);
  }
}
