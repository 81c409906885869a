package dev.jdbcjwt.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.cli.Main;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.jdbc.internal.ConnectionRequest;
import dev.jdbcjwt.testing.leaks.JdkOwnLogging;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.cache.TokenListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values that are not typed as secrets but carry them: a token endpoint with a query string, a command whose
 * arguments (separated by spaces or tabs) hold an API key, a command whose stderr echoes it in the argument and URL
 * forms. None of it may show in logs, events, cache labels, {@code check}, {@code getPropertyInfo},
 * {@code toString()} or HikariCP's DEBUG dump. Checks are boolean, so a failure never quotes the secret.
 */
class PrintedValuesLeakTest {

  private static final String QUERY_SECRET = "querySecret4711";
  private static final String ARG_SECRET = "argSecret0815";
  private static final String TAB_SECRET = "tabSecret2342";
  private static final String CLIENT_SECRET = "clientSecret9001";
  private static final List<String> SECRETS = List.of(QUERY_SECRET, ARG_SECRET, TAB_SECRET, CLIENT_SECRET);

  static {
    JdkOwnLogging.holdDown(); // the JDK's HTTP client and ProcessBuilder print what they are given (docs/security.md)
  }

  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final TokenListener listener = events::add;

  @BeforeEach
  void setUp() {
    SECRETS.forEach(LeakWatch::registerSecret);
    StubDriver.reset();
    TokenCaches.clear();
    TokenCaches.addListener(listener);
  }

  @AfterEach
  void tearDown() {
    TokenCaches.removeListener(listener);
    TokenCaches.clear();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** client-credentials against a loopback port nobody listens on, its endpoint carrying a secret in the query. */
  private static Properties endpointWithQuery() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("jwt.provider", "client-credentials");
    p.setProperty("jwt.tokenEndpoint", "http://127.0.0.1:" + closedPort() + "/token?api_key=" + QUERY_SECRET);
    p.setProperty("jwt.clientId", "orders");
    p.setProperty("jwt.clientSecret", CLIENT_SECRET);
    p.setProperty("jwt.fetchTimeout", "5s");
    return p;
  }

  /** exec with tab-separated arguments holding a secret; the command fails and echoes it on stderr. */
  private static Properties commandWithSecretArguments() {
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("jwt.provider", "exec");
    p.setProperty("jwt.command", "/bin/sh\t-c\t'echo \"denied: --token $1 --client-secret=$2 --api-key $1 "
        + "https://me:$2@idp.example/x\" >&2; exit 3'\tget-token\t" + TAB_SECRET + " " + ARG_SECRET);
    return p;
  }

  private static boolean clean(String text) {
    return text != null && SECRETS.stream().noneMatch(text::contains) && LeakWatch.leaksIn(text).isEmpty();
  }

  @Test
  void connectFailuresLogsEventsLabelsAndToStringShowNoSecret() throws Exception {
    for (Properties p : List.of(endpointWithQuery(), commandWithSecretArguments())) {
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> DriverManager.getConnection("jdbc:jwt:stub:db", p));
      assertThat(e.getSQLState()).isEqualTo("08001");
      assertThat(clean(e.getMessage())).as("the exception message").isTrue();
      assertThat(clean(String.valueOf(e.getCause()))).as("its cause").isTrue();
      assertThat(clean(ConnectionRequest.parse("jdbc:jwt:stub:db", p).tokenConfig().toString()))
          .as("TokenConfig.toString()").isTrue();
    }
    assertThat(TokenCaches.all()).extracting(TokenCache::label).containsExactlyInAnyOrder(
        "provider 'client-credentials' for user 'app' (tokenEndpoint http://127.0.0.1:"
            + endpointPort() + "/token)",
        "provider 'exec' for user 'app' (command sh)");
    assertThat(events).isNotEmpty().allSatisfy(ev -> {
      assertThat(clean(ev.toString())).as("a TokenEvent").isTrue();
      assertThat(clean(ev.cache())).as("a TokenEvent's cache label").isTrue();
    });
    assertThat(events.stream().anyMatch(ev -> ev.error().map(Throwable::getMessage).orElse("")
        .contains("--token <redacted> --client-secret=<redacted> --api-key <redacted> https://<redacted>@idp")))
        .as("the command's stderr is quoted, redacted").isTrue();
    assertThat(LeakWatch.captured().stream().allMatch(PrintedValuesLeakTest::clean)).as("captured log records")
        .isTrue();
  }

  private int endpointPort() {
    return TokenCaches.all().stream().map(TokenCache::label).filter(l -> l.contains("127.0.0.1:"))
        .map(l -> l.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1")).mapToInt(Integer::parseInt).findFirst().orElse(-1);
  }

  @Test
  void getPropertyInfoShowsEndpointsWithoutQueryAndCommandsAsTheirProgram() throws Exception {
    List<String> shown = new ArrayList<>();
    for (Properties p : List.of(endpointWithQuery(), commandWithSecretArguments())) {
      for (DriverPropertyInfo info : JwtDriver.instance().getPropertyInfo("jdbc:jwt:stub:db", p)) {
        shown.add(info.name + "=" + info.value);
      }
    }
    assertThat(shown.stream().allMatch(PrintedValuesLeakTest::clean)).as("getPropertyInfo values").isTrue();
    assertThat(shown).contains("jwt.command=sh", "jwt.clientSecret=<redacted>")
        .anyMatch(s -> s.matches("jwt\\.tokenEndpoint=http://127\\.0\\.0\\.1:\\d+/token"));
  }

  @Test
  void checkPrintsNoSecret() throws Exception {
    for (Properties p : List.of(endpointWithQuery(), commandWithSecretArguments())) {
      List<String> args = new ArrayList<>(List.of("check", "jdbc:jwt:stub:db"));
      p.stringPropertyNames().forEach(n -> args.addAll(List.of("--property", n + "=" + p.getProperty(n))));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      assertThat(code).isNotZero();
      assertThat(clean(printed)).as("check output").isTrue();
      assertThat(printed).contains("FAILED");
    }
  }

  @Test
  void hikariCpsDebugDumpShowsNeitherTheQueryNorTheArguments() throws Exception {
    for (Properties p : List.of(endpointWithQuery(), commandWithSecretArguments())) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("printed-values-" + p.getProperty("jwt.provider"));
      config.setJdbcUrl("jdbc:jwt:stub:db");
      config.setUsername("app");
      p.stringPropertyNames().stream().filter(n -> n.startsWith("jwt."))
          .forEach(n -> config.addDataSourceProperty(n, p.getProperty(n)));
      config.setMinimumIdle(0);
      config.setInitializationFailTimeout(-1);
      try (JwtHikariDataSource pool = new JwtHikariDataSource(config)) {
        assertThat(clean(pool.toString())).isTrue();
      }
      // HikariCP connects through the driver's DataSource, which holds the options: the configuration holds none
      assertThat(config.getDataSourceProperties().stringPropertyNames()).noneMatch(n -> n.startsWith("jwt."));
      assertThat(config.getDataSource()).asString().contains("jwt.provider=" + p.getProperty("jwt.provider"))
          .matches(PrintedValuesLeakTest::clean);
    }
    List<String> records = LeakWatch.captured();
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig")
        && r.contains("printed-values-exec") && r.contains("configuration:"))).as("the dump was captured").isTrue();
    assertThat(records).anyMatch(r -> r.contains("JwtDataSource[jdbc:stub:…, TokenConfig[")); // what it shows
    assertThat(records.stream().allMatch(PrintedValuesLeakTest::clean)).as("captured log records").isTrue();
  }
}
