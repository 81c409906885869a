package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One {@link Timekeeper} given to a registry reaches its caches and the providers it makes. */
class TimekeeperFlowTest {

  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void aRegistryOnAFakeClockMintsRefreshesAndTimesOnThatClock() throws Exception {
    FakeTime time = new FakeTime(T0);
    TokenCacheRegistry registry = new TokenCacheRegistry(10, new Timekeeper(time, time, Runnable::run, () -> 0.0));
    assertThat(registry.time().clock()).isSameAs(time);
    TestIssuer issuer = TestIssuer.shared();
    TokenConfig config = TokenConfig.of(Map.of("jwt.provider", "signed", "jwt.signingKey", issuer.privateKeyPem(),
        "jwt.issuer", issuer.issuer(), "jwt.ttl", "10m"), "flow");
    TokenCache cache = registry.forConfig(config);

    Token first = cache.fetch();
    assertThat(first.issuedAt()).as("the provider signs on the registry's clock").contains(T0);
    assertThat(first.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    // skew 30 s, 25% of the usable 9m30s ahead, no jitter: the timer is the fake clock's
    assertThat(time.pending()).containsExactly(Duration.ofMillis(427_500));

    time.advance(Duration.ofMillis(427_500));
    Token second = cache.fetch();
    assertThat(second).isNotSameAs(first);
    assertThat(second.issuedAt()).contains(T0.plusSeconds(427)); // iat has whole seconds
    registry.clear();
  }
}
