package dev.jdbcjwt.spring.boot.autoconfigure.metrics;

import dev.jdbcjwt.spring.boot.autoconfigure.health.JdbcJwtHealthIndicator;
import dev.jdbcjwt.testing.leaks.JdkOwnLogging;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.TokenConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Metric tags and health keys are built from cache labels: a token endpoint with a secret query and a command with
 * secret arguments must show in them as endpoint and program only (issue 13). A new test beside the module's own;
 * its main code is unchanged.
 */
@DisabledOnOs(OS.WINDOWS)
class PrintedValuesMetricsHealthTest {

  private static final String QUERY_SECRET = "metricsQuerySecret77";
  private static final String ARG_SECRET = "metricsArgSecret88";
  static {
    JdkOwnLogging.holdDown(); // the JDK's HTTP client and ProcessBuilder print what they are given (docs/security.md)
  }

  @AfterEach
  void tearDown() {
    TokenCaches.clear();
  }

  private static boolean clean(String text) {
    return !text.contains(QUERY_SECRET) && !text.contains(ARG_SECRET) && LeakWatch.leaksIn(text).isEmpty();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void tagsAndHealthKeysShowEndpointsAndProgramsOnly() throws Exception {
    LeakWatch.registerSecret(QUERY_SECRET);
    LeakWatch.registerSecret(ARG_SECRET);
    TokenCaches.clear();
    SimpleMeterRegistry registry = MeterLeakSource.watch(new SimpleMeterRegistry());
    JdbcJwtMetrics metrics = new JdbcJwtMetrics(Stream::<DataSource>empty, TokenCaches::all, Clock.systemUTC());
    metrics.bindTo(registry);
    try {
      TokenCache endpoint = TokenCaches.forConfig(TokenConfig.of(Map.of("jwt.provider", "client-credentials",
          "jwt.tokenEndpoint", "http://127.0.0.1:" + closedPort() + "/token?api_key=" + QUERY_SECRET,
          "jwt.clientId", "orders", "jwt.clientSecret", "env:UNUSED_IN_THIS_TEST"), "app", name -> "not-used-x"));
      TokenCache command = TokenCaches.forConfig(TokenConfig.of(Map.of("jwt.provider", "exec",
          "jwt.command", "/bin/sh\t-c\t'exit 3'\tget-token\t--api-key\t" + ARG_SECRET), "app"));
      for (TokenCache cache : List.of(endpoint, command)) {
        assertThatThrownBy(cache::fetch).isInstanceOf(TokenException.class);
      }

      List<String> tags = registry.getMeters().stream().map(Meter::getId)
          .flatMap(id -> id.getTags().stream().map(t -> t.getKey() + "=" + t.getValue())).toList();
      assertThat(tags).contains("source=provider 'exec' for user 'app' (command sh)")
          .anyMatch(t -> t.matches("source=provider 'client-credentials' for user 'app' \\(tokenEndpoint "
              + "http://127\\.0\\.0\\.1:\\d+/token\\)"));
      assertThat(tags.stream().allMatch(PrintedValuesMetricsHealthTest::clean)).as("metric tags").isTrue();

      String health = new JdbcJwtHealthIndicator(TokenCaches::all, Clock.systemUTC()).health().toString();
      assertThat(health).contains("(command sh)", "/token)");
      assertThat(clean(health)).as("health keys and details").isTrue();
    } finally {
      metrics.close();
    }
  }
}
