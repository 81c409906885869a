package dev.jdbcjwt.spring.boot.autoconfigure.health;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.Durations;

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
 * The health of every token source in use ({@link TokenCaches#all()}), free of Spring Boot's health API, whose
 * package differs between Boot 3 and Boot 4: each line's {@link JdbcJwtHealthIndicator} turns a {@link Snapshot}
 * into its {@code Health}. Sources are keyed by the cache's label ({@code provider 'signed' for user 'app'}, as in
 * the logs); each shows
 * <ul>
 *   <li>{@code status}: UP while it has a usable token (even if refreshes are failing: connections still work),
 *       DOWN when it has none and the last attempt failed, UNKNOWN before its first token;</li>
 *   <li>{@code expiresAt} and {@code timeToExpiry} of the current token, its {@code subject} and {@code keyId};</li>
 *   <li>{@code lastError} and {@code lastErrorKind} while the token source is failing.</li>
 * </ul>
 * Never the token: only its metadata. The overall status is DOWN when any source is DOWN, UNKNOWN while there is
 * none.
 */
public final class TokenSourcesHealth {

  /** Spring Boot's status codes, the same on every line. */
  static final String UP = "UP";
  static final String DOWN = "DOWN";
  static final String UNKNOWN = "UNKNOWN";

  /**
   * One reading.
   *
   * @param status the overall status code: {@code UP}, {@code DOWN} or {@code UNKNOWN}
   * @param sources the details of each source by its label, for the {@code sources} detail
   */
  public record Snapshot(String status, Map<String, Object> sources) {
  }

  private final Supplier<List<TokenCache>> caches;
  private final Clock clock;

  /** The shared token caches of the driver, on the system clock. */
  public TokenSourcesHealth() {
    this(TokenCaches::all, Clock.systemUTC());
  }

  /**
   * A health indicator for {@code caches}.
   *
   * @param caches the token caches to report on
   * @param clock the clock the time to expiry is measured with
   */
  public TokenSourcesHealth(Supplier<List<TokenCache>> caches, Clock clock) {
    this.caches = caches;
    this.clock = clock;
  }

  /**
   * Reads every source now.
   *
   * @return the overall status and each source's details
   */
  public Snapshot snapshot() {
    Instant now = clock.instant();
    Map<String, Object> sources = new TreeMap<>();
    String overall = UNKNOWN;
    for (TokenCache cache : caches.get()) {
      Map<String, Object> details = new LinkedHashMap<>();
      String status = describe(cache, now, details);
      sources.put(uniqueName(sources, cache.label()), details);
      if (status.equals(DOWN) || (status.equals(UP) && !overall.equals(DOWN))) {
        overall = status;
      }
    }
    return new Snapshot(overall, sources);
  }

  private static String describe(TokenCache cache, Instant now, Map<String, Object> details) {
    Optional<Token> token = cache.current();
    Optional<TokenException> error = cache.lastError();
    String status = token.isPresent() ? UP : error.isPresent() ? DOWN : UNKNOWN;
    details.put("status", status);
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
