package dev.jdbcjwt.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.hikari.JwtCredentialsProvider;
import dev.jdbcjwt.jdbc.hikari.JwtHikari;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.jdbc.internal.ConnectPlan;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.cache.TokenCache;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.cache.TokenEvent;
import dev.jdbcjwt.token.config.JwtOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver's objects that hold a token or a secret, built with a literal client secret, a literal private key and a
 * real token: none of their {@code toString()} shows any of them. (Checks are on {@link LeakWatch#leaksIn}, so a
 * failure message never quotes the text it found a secret in.)
 */
class DriverObjectsRedactionTest {

  private static final String CLIENT_SECRET = "literal-client-secret-" + UUID.randomUUID();
  private static final TestIssuer ISSUER = TestIssuer.shared();

  private final String token = ISSUER.mint("app");
  private final String tokenUrl = "jdbc:jwt:stub:db?jwt.provider=static&jwt.token=" + token;

  private static Properties clientCredentials() {
    Properties p = new Properties();
    p.setProperty("jwt.provider", "client-credentials");
    p.setProperty("jwt.tokenEndpoint", "https://idp.example/token");
    p.setProperty("jwt.clientId", "orders");
    p.setProperty("jwt.clientSecret", CLIENT_SECRET);
    return p;
  }

  @BeforeEach
  void setUp() {
    LeakWatch.registerSecret(CLIENT_SECRET);
    StubDriver.reset();
    TokenCaches.clear();
  }

  private static void assertRedacted(String what, Object object) {
    String text = String.valueOf(object);
    assertThat(LeakWatch.leaksIn(text)).as("toString() of " + what).isEmpty();
    assertThat(text.contains(CLIENT_SECRET)).as("toString() of " + what + " shows the client secret").isFalse();
  }

  /** Every getter of a HikariConfig (or pool), as HikariCP, a framework or an actuator would read and print it. */
  private static void assertGettersRedacted(String what, HikariConfig config) {
    for (java.lang.reflect.Method m : HikariConfig.class.getMethods()) {
      boolean getter = m.getName().startsWith("get") || m.getName().startsWith("is");
      if (getter && m.getParameterCount() == 0 && m.getDeclaringClass() != Object.class) {
        Object value;
        try {
          value = m.invoke(config);
        } catch (ReflectiveOperationException | RuntimeException e) {
          continue;
        }
        assertRedacted(what + "." + m.getName() + "()", value);
      }
    }
    assertRedacted(what, config);
  }

  @Test
  void connectionsAndTheirPlansTokenConfigsCachesAndEvents() throws Exception {
    List<TokenEvent> events = new ArrayList<>();
    dev.jdbcjwt.token.cache.TokenListener listener = events::add;
    TokenCaches.addListener(listener);
    try (Connection fromUrl = DriverManager.getConnection(tokenUrl, new Properties());
         Connection fromKey = DriverManager.getConnection("jdbc:jwt:stub:db", SignedProperties.forApp())) {
      assertThat(StubDriver.INSTANCE.calls().get(0).properties().getProperty("password")).isEqualTo(token);
      assertRedacted("a JwtConnection logged in with a static token", fromUrl);
      assertRedacted("a JwtConnection logged in with a signed token", fromKey);
      assertRedacted("TokenConnection", fromUrl.unwrap(TokenConnection.class));
    } finally {
      TokenCaches.removeListener(listener);
    }

    for (ConnectPlan plan : List.of(ConnectPlan.of(tokenUrl, new Properties()), ConnectPlan.of("jdbc:jwt:stub:db",
        SignedProperties.forApp()), ConnectPlan.of("jdbc:jwt:stub:db", clientCredentials()))) {
      assertRedacted("ConnectPlan", plan);
      assertRedacted("ConnectionRequest", plan.request());
      assertRedacted("TokenConfig", plan.request().tokenConfig());
      assertRedacted("CredentialInjector", plan.injector());
      assertRedacted("vendor Properties of a ConnectionRequest", plan.request().vendorProperties());
      TokenCache cache = plan.tokens();
      assertRedacted("TokenCache", cache);
      assertRedacted("TokenCache.current()", cache.current());
    }
    assertThat(ConnectPlan.of("jdbc:jwt:stub:db", clientCredentials()).request().tokenConfig()
        .secret(JwtOption.CLIENT_SECRET).orElseThrow().reveal()).isEqualTo(CLIENT_SECRET);

    assertThat(TokenCaches.all()).isNotEmpty().allSatisfy(cache -> assertRedacted("a shared TokenCache", cache));
    assertThat(events).isNotEmpty().allSatisfy(event -> {
      assertRedacted("a TokenEvent", event);
      assertRedacted("the token of a TokenEvent", event.token());
    });
  }

  @Test
  void dataSourcesPoolsAndTheirConfiguration() throws Exception {
    JwtDataSource plain = new JwtDataSource(tokenUrl);
    plain.setUser("app");
    plain.setProperty("jwt.clientSecret", CLIENT_SECRET);
    plain.getConnection().close();
    assertRedacted("JwtDataSource", plain);

    HikariConfig config = new HikariConfig();
    config.setPoolName("redaction-test");
    config.setJdbcUrl("jdbc:jwt:stub:db");
    config.setUsername("app");
    SignedProperties.forApp().forEach((k, v) -> config.addDataSourceProperty((String) k, v));
    config.addDataSourceProperty("jwt.clientSecret", CLIENT_SECRET);
    config.setMinimumIdle(0);
    config.setRegisterMbeans(true);
    try (JwtHikariDataSource pool = new JwtHikariDataSource(config)) {
      try (Connection c = pool.getConnection()) {
        assertRedacted("a JwtHikariDataSource connection", c);
      }
      assertRedacted("JwtHikariDataSource", pool);
      assertRedacted("HikariConfig of a JwtHikariDataSource", config);
      assertRedacted("the pool's token cache", pool.tokenCache());
      assertRedacted("HikariPoolMXBean", pool.getHikariPoolMXBean());
      assertRedacted("HikariConfigMXBean", pool.getHikariConfigMXBean());
      assertThat(LeakWatch.leaksInMBeans()).as("the pool's MBeans (registerMbeans=true)").isEmpty();
    }
  }

  /** HikariCP 7 only (the hikari-6 run leaves it out). */
  @Test
  void credentialsProvidersOfHikari7() throws Exception {
    JwtCredentialsProvider credentials = JwtCredentialsProvider.of("app", Map.of("jwt.provider", "static",
        "jwt.token", token));
    assertThat(credentials.getCredentials().getPassword()).isEqualTo(token);
    assertRedacted("JwtCredentialsProvider", credentials);
  }

  @Test
  void hikariCpsConfigurationDumpShowsNoLiteralSecret() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setPoolName("dump-test");
    config.setJdbcUrl("jdbc:jwt:stub:db?jwt.provider=static&jwt.clockSkew=20s");
    config.setUsername("app");
    config.addDataSourceProperty("jwt.token", token);
    config.addDataSourceProperty("jwt.clientSecret", CLIENT_SECRET);
    config.addDataSourceProperty("jwt.clientAssertionKey", ISSUER.privateKeyPem());
    config.addDataSourceProperty("jwt.signingKey", "env:NOT_A_LITERAL");
    config.setMinimumIdle(0);
    try (JwtHikariDataSource pool = new JwtHikariDataSource(config); Connection c = pool.getConnection()) {
      assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isEqualTo(token);
    }
    // the options went into the DataSource HikariCP connects through; its configuration holds none of them
    assertThat(config.getDataSourceProperties()).isEmpty();
    assertThat(config.getJdbcUrl()).isEqualTo("jdbc:jwt:stub:db");
    assertThat(config.getPoolName()).isEqualTo("dump-test");
    assertGettersRedacted("the started pool's HikariConfig", config);

    JwtHikariDataSource bySetters = new JwtHikariDataSource(); // as Spring Boot makes it
    bySetters.setPoolName("dump-test-setters");
    bySetters.setJdbcUrl("jdbc:jwt:stub:db?jwt.provider=static");
    bySetters.addDataSourceProperty("jwt.token", token);
    bySetters.setMinimumIdle(0);
    try (bySetters; Connection c = bySetters.getConnection()) {
      assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isEqualTo(token);
    }

    List<String> records = LeakWatch.captured();
    // boolean checks: a failure message must not quote a record that might hold a secret
    for (String pool : List.of("dump-test", "dump-test-setters")) {
      assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig") && r.contains(pool)
          && r.contains("configuration:"))).as("HikariCP's DEBUG configuration dump of " + pool + " was captured")
          .isTrue();
    }
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig")
        && r.contains("jwt.clockSkew=20s") && r.contains("jwt.provider=static"))).as("the URL's options are shown")
        .isTrue();
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig")
        && r.contains("jwt.signingKey=env:NOT_A_LITERAL"))).as("references are shown").isTrue();
    assertThat(records.stream().allMatch(r -> LeakWatch.leaksIn(r).isEmpty() && !r.contains(CLIENT_SECRET)))
        .as("no captured record holds a token, the key or the client secret").isTrue();
  }

  @Test
  void aLiteralSecretInThePoolsUrlIsMovedOutOfTheUrlHikariCpLogs() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setPoolName("url-secret-test");
    config.setJdbcUrl("jdbc:jwt:stub:db?ssl=true&jwt.provider=static&jwt.token=" + token);
    config.setUsername("app");
    config.setMinimumIdle(0);
    try (JwtHikariDataSource pool = new JwtHikariDataSource(config); Connection c = pool.getConnection()) {
      StubDriver.Call call = StubDriver.INSTANCE.lastCall();
      assertThat(call.properties().getProperty("password")).isEqualTo(token);
      assertThat(call.url()).isEqualTo("jdbc:stub:db?ssl=true");
      assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:jwt:stub:db?ssl=true").doesNotContain(token);
    }
    assertThat(config.getDataSourceProperties()).isEmpty();
    assertGettersRedacted("the started pool's HikariConfig", config);

    JwtHikariDataSource bySetters = new JwtHikariDataSource();
    bySetters.setPoolName("url-secret-test-setters");
    bySetters.setJdbcUrl("jdbc:jwt:stub:db?jwt.provider=static&jwt.token=" + token);
    bySetters.setMinimumIdle(0);
    try (bySetters; Connection c = bySetters.getConnection()) {
      assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isEqualTo(token);
      assertThat(bySetters.getJdbcUrl()).isEqualTo("jdbc:jwt:stub:db");
      assertGettersRedacted("the started pool (setters)", bySetters);
    }
    List<String> records = LeakWatch.captured();
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari") && r.contains("url-secret-test")))
        .as("HikariCP's DEBUG records of the pool were captured").isTrue();
    assertThat(records.stream().allMatch(r -> LeakWatch.leaksIn(r).isEmpty()))
        .as("no captured record holds the token").isTrue();
  }

  @Test
  void literalSecretsOfATrustedPoolUrlReachOnlyTheDataSourceThatHidesThem() throws Exception {
    String url = "jdbc:jwt:stub:db?ssl=true&jwt.provider=static&jwt.clientSecret=" + CLIENT_SECRET + "&jwt.token="
        + token;
    HikariConfig config = new HikariConfig();
    config.setPoolName("trusted-url-test");
    config.setJdbcUrl(url);
    config.setUsername("app");
    config.setMinimumIdle(0);
    try (JwtHikariDataSource pool = new JwtHikariDataSource(JwtHikari.trustUrl(config));
         Connection c = pool.getConnection()) {
      StubDriver.Call call = StubDriver.INSTANCE.lastCall();
      assertThat(call.properties().getProperty("password")).isEqualTo(token);
      assertThat(call.url()).isEqualTo("jdbc:stub:db?ssl=true");
      assertThat(pool.getDataSource()).asString().startsWith("JwtDataSource[jdbc:stub:…, TokenConfig[")
          .contains("jwt.clientSecret=<redacted>", "jwt.token=<redacted>", "jwt.provider=static");
      assertGettersRedacted("a started pool with a trusted URL", pool);
    }
    assertGettersRedacted("its HikariConfig", config);

    JwtDriver.trustUrls(true); // JVM-wide, with setters as Spring Boot's spring.datasource.type makes the pool
    JwtHikariDataSource bySetters = new JwtHikariDataSource();
    try (bySetters) {
      bySetters.setPoolName("trusted-url-test-setters");
      bySetters.setJdbcUrl(url);
      bySetters.setMinimumIdle(0);
      try (Connection c = bySetters.getConnection()) {
        assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isEqualTo(token);
      }
      assertGettersRedacted("a started pool made with setters", bySetters);
      assertRedacted("its DataSource", bySetters.getDataSource());
    } finally {
      JwtDriver.trustUrls(false);
    }
    List<String> records = LeakWatch.captured();
    for (String pool : List.of("trusted-url-test", "trusted-url-test-setters")) {
      assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig") && r.contains(pool)
          && r.contains("configuration:"))).as("HikariCP's DEBUG configuration dump of " + pool + " was captured")
          .isTrue();
    }
    assertThat(records.stream().anyMatch(r -> r.startsWith("com.zaxxer.hikari.HikariConfig")
        && r.contains("jwt.clientSecret=<redacted>"))).as("the dump names the option").isTrue();
    assertThat(records.stream().allMatch(r -> LeakWatch.leaksIn(r).isEmpty() && !r.contains(CLIENT_SECRET)))
        .as("no captured record holds the token or the client secret").isTrue();
  }
}
