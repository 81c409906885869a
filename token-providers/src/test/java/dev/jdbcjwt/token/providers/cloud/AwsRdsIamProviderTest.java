package dev.jdbcjwt.token.providers.cloud;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.jdbcjwt.token.providers.ProviderTesting.CLOCK;
import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/** Token generation is local SigV4 presigning: checked on the token's shape, with static test credentials. */
class AwsRdsIamProviderTest {

  private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String HOST = "orders.cluster-c9akciq32.eu-west-1.rds.amazonaws.com";

  private static Map<String, String> query(String token) {
    String q = token.substring(token.indexOf("/?") + 2);
    return Arrays.stream(q.split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> p[0], p -> java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void generatesAPresignedConnectTokenForFifteenMinutes() throws Exception {
    RdsIamTokenSource source = new RdsIamTokenSource(StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)), Region.EU_WEST_1, HOST, 5432, "orders_app", CLOCK);

    Token token = source.fetch();
    String value = token.value().reveal();

    assertThat(value).startsWith(HOST + ":5432/?");
    Map<String, String> q = query(value);
    assertThat(q).containsEntry("Action", "connect").containsEntry("DBUser", "orders_app")
        .containsEntry("X-Amz-Expires", "900").containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("X-Amz-SignedHeaders", "host");
    assertThat(q.get("X-Amz-Credential")).startsWith(ACCESS_KEY + "/").endsWith("/eu-west-1/rds-db/aws4_request");
    assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    assertThat(value).doesNotContain(SECRET_KEY);
    assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(900));
    assertThat(token.hasKnownExpiry()).isTrue();
    assertThat(token.toString()).doesNotContain(q.get("X-Amz-Signature"));
  }

  @Test
  void theRegionComesFromTheRdsHostName() {
    assertThat(AwsRdsIamProvider.regionOf(HOST)).contains("eu-west-1");
    assertThat(AwsRdsIamProvider.regionOf("db.abc.us-gov-west-1.rds.amazonaws.com")).contains("us-gov-west-1");
    assertThat(AwsRdsIamProvider.regionOf("db.internal")).isEmpty();
  }

  @Test
  void theProviderReadsItsOptions() throws Exception {
    assertThat(source("jwt.provider", "aws-rds-iam", "jwt.dbHost", HOST, "jwt.dbPort", "3306", "jwt.region",
        "eu-west-1", "jwt.awsProfile", "no-such-profile")).isInstanceOf(RdsIamTokenSource.class);
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "aws-rds-iam",
        "jwt.dbPort", "5432")).getMessage()).startsWith("jwt.dbHost is required by jwt.provider=aws-rds-iam");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "aws-rds-iam",
        "jwt.dbHost", HOST, "jwt.dbPort", "postgres")).getMessage())
        .startsWith("jwt.dbPort must be a port number");
  }

  @Test
  void missingCredentialsAreUnavailableAtFetch() throws Exception {
    var s = source("jwt.provider", "aws-rds-iam", "jwt.dbHost", HOST, "jwt.dbPort", "5432",
        "jwt.awsProfile", "jdbc-jwt-test-no-such-profile");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, s::fetch).getMessage())
        .startsWith("aws-rds-iam: the AWS SDK could not sign a token for app@" + HOST + ":5432")
        .contains("jwt.awsProfile");
  }

  /** Loads token-providers in a class loader without the AWS SDK, as an application that did not add it. */
  @Test
  void withoutTheSdkTheProviderNamesTheArtifactToAdd() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new java.util.ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.replace('\\', '/').contains("/software/amazon/")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    try (URLClassLoader withoutSdk = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      Class<?> configClass = withoutSdk.loadClass("dev.jdbcjwt.token.config.TokenConfig");
      Class<?> sources = withoutSdk.loadClass("dev.jdbcjwt.token.TokenSources");
      Map<String, String> options = new HashMap<>(Map.of("jwt.provider", "aws-rds-iam", "jwt.dbHost", HOST,
          "jwt.dbPort", "5432"));
      Object config = configClass.getMethod("of", Map.class, String.class).invoke(null, options, "app");
      Method create = sources.getMethod("create", configClass);

      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(withoutSdk);
      Throwable failure;
      try {
        create.invoke(null, config);
        failure = null;
      } catch (InvocationTargetException e) {
        failure = e.getCause();
      } finally {
        thread.setContextClassLoader(previous);
      }

      assertThat(failure).isNotNull();
      assertThat(failure.getClass().getName()).isEqualTo(TokenException.class.getName());
      assertThat(failure.getClass().getMethod("kind").invoke(failure).toString()).isEqualTo("CONFIGURATION");
      assertThat(failure.getMessage()).contains("software.amazon.awssdk:rds", "add the Maven artifact");
    }
  }
}
