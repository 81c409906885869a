package dev.jdbcjwt.samples.springboot;

import com.zaxxer.hikari.HikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of the service as it is shipped (application.yml), against the real PostgreSQL of the test harness,
 * which validates every token the service signs. Only the URL, the user and the key are the harness's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersApplicationTest {

  @DynamicPropertySource
  static void localDatabase(DynamicPropertyRegistry registry) {
    LocalTokenDatabase.properties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @LocalServerPort
  int port;

  @Autowired
  DataSource dataSource;

  @Autowired
  JdbcTemplate jdbc;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void flywayMigratedTheSchemaAsTheTokensUser() {
    assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success and version = '1'",
        Integer.class)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select tableowner from pg_tables where tablename = 'orders'", String.class))
        .isEqualTo(LocalTokenDatabase.USER);
  }

  @Test
  void ordersAreStoredByTheDatabaseUserOfTheToken() throws Exception {
    HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/orders"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\",\"quantity\":2}")));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).contains("\"item\":\"book\"").contains("\"createdBy\":\"orders\"");

    HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/orders")).GET());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"item\":\"book\"");
  }

  @Test
  void theSessionShowsTheTokensSubjectButNotTheToken() throws Exception {
    HttpResponse<String> session = send(HttpRequest.newBuilder(uri("/session")).GET());
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.body()).contains("\"databaseUser\":\"orders\"").contains("\"tokenSubject\":\"orders\"")
        .contains("\"tokenExpiresAt\"");
    assertThat(LeakWatch.leaksIn(session.body())).isEmpty();
  }

  @Test
  void actuatorShowsTheTokenSourceHealthAndMetrics() throws Exception {
    jdbc.queryForObject("select 1", Integer.class);
    HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"jdbcJwt\"").contains("provider 'signed' for user 'orders'")
        .contains("\"timeToExpiry\"").contains("\"keyId\":\"" + TestIssuer.shared().keyId() + "\"");
    assertThat(LeakWatch.leaksIn(health.body())).as("a token or key in the health response").isEmpty();

    HttpResponse<String> expiry = send(HttpRequest.newBuilder(uri("/actuator/metrics/jdbc.jwt.token.expiry")).GET());
    assertThat(expiry.statusCode()).isEqualTo(200);
    assertThat(expiry.body()).contains("\"baseUnit\":\"seconds\"");
    HttpResponse<String> pool = send(HttpRequest.newBuilder(uri("/actuator/metrics/jdbc.jwt.connections.evicted"))
        .GET());
    assertThat(pool.statusCode()).isEqualTo(200);
  }

  @Test
  void bootsPoolIsTunedToTheTenMinuteTokens() {
    HikariDataSource pool = (HikariDataSource) dataSource;
    jdbc.queryForObject("select 1", Integer.class);
    assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
    // half the 10 minute token less the 30 s clock skew, the refresh jitter and the 2 s connect allowance, so that
    // every connection keeps a usable token for its whole life at two token requests per lifetime (docs/pools.md);
    // well under HikariCP's default of 30 minutes
    assertThat(Duration.ofMillis(pool.getMaxLifetime())).isLessThan(Duration.ofMinutes(5))
        .isGreaterThan(Duration.ofMinutes(3));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
