package dev.jdbcjwt.spring.boot.autoconfigure.health;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.Durations;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Health of every token source in use ({@link TokenCaches#all()}), under {@code sources}, keyed by the cache's label
 * ({@code provider 'signed' for user 'app'}, as in the logs). Each shows
 * <ul>
 *   <li>{@code status}: UP while it has a usable token (even if refreshes are failing: connections still work),
 *       DOWN when it has none and the last attempt failed, UNKNOWN before its first token;</li>
 *   <li>{@code expiresAt} and {@code timeToExpiry} of the current token, its {@code subject} and {@code keyId};</li>
 *   <li>{@code lastError} and {@code lastErrorKind} while the token source is failing.</li>
 * </ul>
 * Never the token: only its metadata. The indicator is DOWN when any source is DOWN, UNKNOWN while there is none.
 */
public class JdbcJwtHealthIndicator implements HealthIndicator {

  private final Supplier<List<TokenCache>> caches;
  private final Clock clock;

  public JdbcJwtHealthIndicator() {
    this(TokenCaches::all, Clock.systemUTC());
  }

  public JdbcJwtHealthIndicator(Supplier<List<TokenCache>> caches, Clock clock) {
    this.caches = caches;
    this.clock = clock;
  }

  @Override
  public Health health() {
    Instant now = clock.instant();
    Map<String, Object> sources = new TreeMap<>();
    Status overall = Status.UNKNOWN;
    for (TokenCache cache : caches.get()) {
      Map<String, Object> details = new LinkedHashMap<>();
      Status status = describe(cache, now, details);
      sources.put(uniqueName(sources, cache.label()), details);
      if (status.equals(Status.DOWN) || (status.equals(Status.UP) && !overall.equals(Status.DOWN))) {
        overall = status;
      }
    }
    return Health.status(overall).withDetail("sources", sources).build();
  }

  private static Status describe(TokenCache cache, Instant now, Map<String, Object> details) {
    Optional<Token> token = cache.current();
    Optional<TokenException> error = cache.lastError();
    Status status = token.isPresent() ? Status.UP : error.isPresent() ? Status.DOWN : Status.UNKNOWN;
    details.put("status", status.getCode());
    token.ifPresent(t -> {
      if (t.hasKnownExpiry()) {
        details.put("expiresAt", t.expiresAt().toString());
        Duration left = t.remaining(now);
        details.put("timeToExpiry", Durations.format(left.isNegative() ? Duration.ZERO : left));
      } else {
        details.put("expiresAt", "unknown");
      }
      t.subject().ifPresent(s -> details.put("subject", s));
      t.keyId().ifPresent(k -> details.put("keyId", k));
    });
    error.ifPresent(e -> {
      details.put("lastError", e.getMessage());
      details.put("lastErrorKind", e.kind().name());
    });
    return status;
  }

  private static String uniqueName(Map<String, Object> taken, String label) {
    String name = label;
    for (int i = 2; taken.containsKey(name); i++) {
      name = label + " #" + i;
    }
    return name;
  }
}
