package dev.jdbcjwt.jdbc.internal;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jwt.SignedJWT;
import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.StubDriver;
import dev.jdbcjwt.jdbc.hikari.JwtHikariDataSource;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OptionType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A JDBC URL written by an attacker: every option that reaches the JVM's ambient authority is refused from the URL
 * with the documented message and no side effect — no command runs (a marker script), no file is read (a canary
 * file holding a registered secret), no request is sent (a request-counting identity provider on 127.0.0.1), no token
 * source is created — while the same options from {@code Properties} work, and the JVM-wide switch allows them.
 */
class HostileUrlTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();
  private static final String CLIENT_SECRET = "hostile-url-client-secret-" + UUID.randomUUID();
  private static final String CANARY = "hostile-url-canary-" + UUID.randomUUID();
  private static final WireMockServer IDP = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

  @TempDir
  static Path dir;
  private static Path marker;
  private static Path script;
  private static Path canary;
  private StubDriver stub;

  @BeforeAll
  static void start() throws Exception {
    LeakWatch.registerSecret(CLIENT_SECRET);
    LeakWatch.registerSecret(CANARY);
    IDP.start();
    String body = "{\"access_token\":\"" + ISSUER.mint("app") + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
    IDP.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(body)));
    marker = dir.resolve("marker");
    script = dir.resolve("token.sh");
    Files.writeString(script, "#!/bin/sh\ntouch '" + marker + "'\necho '" + ISSUER.mint("app") + "'\n");
    script.toFile().setExecutable(true);
    canary = dir.resolve("canary");
    Files.writeString(canary, CANARY);
  }

  @AfterAll
  static void stop() {
    IDP.stop();
  }

  @BeforeEach
  void setUp() throws Exception {
    stub = StubDriver.reset();
    TokenCaches.clear();
    ConnectPlan.forgetAll();
    IDP.resetRequests();
    Files.deleteIfExists(marker);
    CreationCountingProvider.CREATED.set(0);
  }

  @AfterEach
  void untrust() {
    JwtDriver.trustUrls(false);
    System.clearProperty(UrlTrust.SYSTEM_PROPERTY);
    UrlTrust.environmentForTests(null);
  }

  private static String idp() {
    return "http://127.0.0.1:" + IDP.port();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static Properties user() {
    Properties p = new Properties();
    p.setProperty("user", "app");
    return p;
  }

  /** The refusal, checked: HY000, names {@code named}, says both ways out, quotes no value; the vendor never called. */
  private SQLException refused(String url, Properties p, String... named) {
    SQLException e = catchThrowableOfType(SQLException.class, () -> JwtDriver.instance().connect(url, p));
    assertThat((Throwable) e).as(url).isNotNull();
    assertThat(e.getSQLState()).isEqualTo("HY000");
    assertThat(e.getMessage()).startsWith("jdbc-jwt: ").contains(named)
        .contains("given in the JDBC URL").containsPattern("Pass (it|them) as connection properties")
        .contains("Properties, HikariCP dataSourceProperties, JwtDataSource.setProperty, Spring Boot's jdbc-jwt.*")
        .contains("-Djdbcjwt.trustUrls=true, JDBCJWT_TRUST_URLS=true or JwtDriver.trustUrls(true)")
        .doesNotContain("\n");
    // boolean checks: a failure message must not quote a secret
    assertThat(e.getMessage().contains(CLIENT_SECRET) || e.getMessage().contains(CANARY)
        || e.getMessage().contains(canary.toString()) || e.getMessage().contains(script.toString())
        || e.getMessage().contains(idp())).as("the message quotes a value").isFalse();
    assertThat(LeakWatch.leaksIn(e.getMessage())).isEmpty();
    assertThat(stub.calls()).as("the vendor driver was called").isEmpty();
    return e;
  }

  private void nothingHappened() {
    assertThat(marker).doesNotExist();
    assertThat(IDP.getAllServeEvents()).as("requests to the identity provider").isEmpty();
    assertThat(CreationCountingProvider.CREATED).hasValue(0);
    assertThat(TokenCaches.all()).isEmpty();
  }

  @Test
  void aCommandInTheUrlNeverRuns() {
    refused("jdbc:jwt:stub:db?jwt.provider=exec&jwt.command=" + enc(script.toString()), user(), "jwt.provider",
        "jwt.command");
    refused("jdbc:jwt:stub:db?jwt.command=" + script + "&jwt.commandTimeout=1s", execProperties(), "jwt.command",
        "jwt.commandTimeout");
    nothingHappened();
  }

  @Test
  void aCommandInADatabaseNameSegmentNeverRunsEither() {
    refused("jdbc:jwt:stub:orders;jwt.provider=exec;jwt.command=" + script, user(), "jwt.provider", "jwt.command");
    refused("jdbc:jwt:stub://db/orders;jwt.provider=exec;jwt.command=" + script + "?ssl=true", user(),
        "jwt.command");
    nothingHappened();
  }

  @Test
  void theSameCommandFromPropertiesRuns() throws Exception {
    JwtDriver.instance().connect("jdbc:jwt:stub:db", execProperties()).close();
    assertThat(marker).exists();
    assertThat(stub.lastCall().properties().getProperty("password")).startsWith("eyJ");
  }

  private static Properties execProperties() {
    Properties p = user();
    p.setProperty("jwt.provider", "exec");
    p.setProperty("jwt.command", script.toString());
    return p;
  }

  @Test
  void referencesToFilesAndEnvironmentVariablesAreNeverResolvedFromTheUrl() {
    Properties staticToken = user();
    staticToken.setProperty("jwt.provider", "static");
    refused("jdbc:jwt:stub:db?jwt.provider=static&jwt.token=file:" + canary, user(), "jwt.token (an env:/file: "
        + "reference)");
    refused("jdbc:jwt:stub:db?jwt.token=env:HOME", staticToken, "jwt.token (an env:/file: reference)");
    refused("jdbc:jwt:stub:db?jwt.token=%20file:" + canary, staticToken, "jwt.token");
    // a reference in any option, even one the URL may otherwise give
    refused("jdbc:jwt:stub:db?jwt.clockSkew=file:" + canary, signed(), "jwt.clockSkew (an env:/file: reference)");
    nothingHappened();
  }

  @Test
  void aLiteralTokenWithTheStaticProviderMayComeFromTheUrl() throws Exception {
    String token = ISSUER.mint("app");
    JwtDriver.instance().connect("jdbc:jwt:stub:db?jwt.provider=static&jwt.token=" + token
        + "&jwt.clockSkew=5s&jwt.refreshAhead=50%&jwt.onExpiry=evict&jwt.fetchTimeout=2s&jwt.httpTimeout=2s"
        + "&jwt.userClaim=sub&jwt.sessionClaims=false", user()).close();
    assertThat(stub.lastCall().properties().getProperty("password")).isEqualTo(token);
  }

  @Test
  void keysAndWhatTheyMintAreApplicationOnly() {
    Properties noKey = user();
    refused("jdbc:jwt:stub:db?jwt.provider=signed&jwt.signingKey=file:" + canary + "&jwt.subject=admin"
        + "&jwt.audience=prod-db&jwt.ttl=24h", noKey, "jwt.provider", "jwt.signingKey", "jwt.subject", "jwt.audience",
        "jwt.ttl");
    // the application's own key, with the URL choosing what it signs
    refused("jdbc:jwt:stub:db?jwt.subject=admin&jwt.audience=prod-db&jwt.ttl=24h&jwt.claim.role=admin"
        + "&jwt.keyId=k&jwt.algorithm=RS256&jwt.issuer=x", signed(), "jwt.subject", "jwt.audience", "jwt.ttl",
        "jwt.claim.<name>", "jwt.keyId", "jwt.algorithm", "jwt.issuer");
    refused("jdbc:jwt:stub:db?jwt.tokenProperty=sslpassword", signed(), "jwt.tokenProperty");
    nothingHappened();
  }

  @Test
  void whereCredentialsAreSentIsApplicationOnly() {
    refused("jdbc:jwt:stub:db?jwt.provider=client-credentials&jwt.tokenEndpoint=" + idp() + "/token"
        + "&jwt.clientId=c&jwt.clientSecret=" + CLIENT_SECRET, user(), "jwt.provider", "jwt.tokenEndpoint",
        "jwt.clientId", "jwt.clientSecret");
    refused("jdbc:jwt:stub:db?jwt.provider=client-credentials&jwt.issuer=" + idp() + "&jwt.allowInsecureHttp=true",
        user(), "jwt.issuer", "jwt.allowInsecureHttp");
    // the application's client secret, with the URL choosing where it goes
    refused("jdbc:jwt:stub:db?jwt.tokenEndpoint=" + idp() + "/steal", clientCredentials(), "jwt.tokenEndpoint");
    refused("jdbc:jwt:stub:db?jwt.trustStore=" + canary + "&jwt.trustStorePassword=" + CLIENT_SECRET
        + "&jwt.scope=all&jwt.resource=https://other&jwt.clientAuthMethod=client_secret_post", clientCredentials(),
        "jwt.trustStore", "jwt.trustStorePassword", "jwt.scope", "jwt.resource", "jwt.clientAuthMethod");
    refused("jdbc:jwt:stub:db?jwt.provider=token-exchange&jwt.subjectTokenFile=" + canary
        + "&jwt.subjectTokenProvider=exec", clientCredentials(), "jwt.subjectTokenFile", "jwt.subjectTokenProvider");
    refused("jdbc:jwt:stub:db?jwt.provider=jwt-bearer&jwt.assertionFile=" + canary, clientCredentials(),
        "jwt.assertionFile");
    nothingHappened();
  }

  @Test
  void theHostsCloudIdentityIsApplicationOnly() {
    refused("jdbc:jwt:stub:db?jwt.provider=azure-managed-identity&jwt.identityEndpoint=" + idp()
        + "&jwt.resource=https://vault.azure.net", user(), "jwt.provider", "jwt.identityEndpoint", "jwt.resource");
    refused("jdbc:jwt:stub:db?jwt.provider=gcp-metadata&jwt.metadataEndpoint=" + idp()
        + "&jwt.serviceAccount=admin@p.iam", user(), "jwt.metadataEndpoint", "jwt.serviceAccount");
    refused("jdbc:jwt:stub:db?jwt.provider=aws-rds-iam&jwt.dbHost=evil&jwt.dbPort=5432&jwt.region=eu-west-1"
        + "&jwt.awsProfile=admin", user(), "jwt.dbHost", "jwt.dbPort", "jwt.region", "jwt.awsProfile");
    refused("jdbc:jwt:stub:db?jwt.provider=test-third-party", user(), "jwt.provider (other than static)");
    refused("jdbc:jwt:stub:db?jwt.provider=file&jwt.tokenFile=" + canary, user(), "jwt.tokenFile");
    nothingHappened();
  }

  @Test
  void everyApplicationOnlyOptionOfTheRegistryIsRefusedFromTheUrl() {
    for (JwtOption option : JwtOption.values()) {
      if (option.origin() != JwtOption.Origin.APPLICATION_ONLY) {
        continue;
      }
      String key = option.type() == OptionType.PREFIX ? option.key() + "x" : option.key();
      String value = option.choices().isEmpty() ? "1m" : option.choices().get(0);
      refused("jdbc:jwt:stub:db?" + key + "=" + value, signed(),
          option.type() == OptionType.PREFIX ? option.key() + "<name>" : option.key());
    }
    nothingHappened();
  }

  @Test
  void theSameOptionsFromPropertiesWork() throws Exception {
    JwtDriver.instance().connect("jdbc:jwt:stub:db", clientCredentials()).close();
    assertThat(IDP.getAllServeEvents()).hasSize(1);
    assertThat(stub.calls()).hasSize(1);

    Properties thirdParty = user();
    thirdParty.setProperty("jwt.provider", "test-third-party");
    JwtDriver.instance().connect("jdbc:jwt:stub:db?jwt.clockSkew=5s", thirdParty).close();
    assertThat(CreationCountingProvider.CREATED).hasValue(1);

    Properties signed = signed();
    signed.setProperty("jwt.subject", "reporting");
    signed.setProperty("jwt.tokenProperty", "accessToken");
    JwtDriver.instance().connect("jdbc:jwt:stub:db", signed).close();
    assertThat(subjectOf(stub.lastCall().properties().getProperty("accessToken"))).isEqualTo("reporting");
  }

  @Test
  void theSystemPropertyTrustsUrls() throws Exception {
    System.setProperty(UrlTrust.SYSTEM_PROPERTY, "true");
    assertThat(JwtDriver.urlsTrusted()).isTrue();
    trustedUrlsWork();
  }

  @Test
  void theEnvironmentVariableTrustsUrls() throws Exception {
    UrlTrust.environmentForTests(name -> UrlTrust.ENVIRONMENT_VARIABLE.equals(name) ? "TRUE" : null);
    assertThat(JwtDriver.urlsTrusted()).isTrue();
    trustedUrlsWork();
  }

  @Test
  void theProgrammaticCallTrustsUrlsAndWithdrawingItTakesEffectAtOnce() throws Exception {
    JwtDriver.trustUrls(true);
    trustedUrlsWork();
    JwtDriver.trustUrls(false);
    assertThat(JwtDriver.urlsTrusted()).isFalse();
    stub = StubDriver.reset();
    Files.deleteIfExists(marker);
    refused(execUrl(), user(), "jwt.command"); // the plan kept from the trusted connect is not used
    assertThat(marker).doesNotExist();
  }

  @Test
  void otherValuesOfTheSwitchTrustNothing() {
    System.setProperty(UrlTrust.SYSTEM_PROPERTY, "yes");
    UrlTrust.environmentForTests(name -> "1");
    assertThat(JwtDriver.urlsTrusted()).isFalse();
    refused(execUrl(), user(), "jwt.command");
    nothingHappened();
  }

  private static String execUrl() {
    return "jdbc:jwt:stub:db?jwt.provider=exec&jwt.command=" + script;
  }

  private void trustedUrlsWork() throws Exception {
    JwtDriver.instance().connect(execUrl(), user()).close();
    assertThat(marker).exists();
    JwtDriver.instance().connect("jdbc:jwt:stub:db?jwt.provider=client-credentials&jwt.tokenEndpoint=" + idp()
        + "/token&jwt.clientId=c&jwt.clientSecret=" + CLIENT_SECRET, user()).close();
    assertThat(IDP.getAllServeEvents()).hasSize(1);
  }

  @Test
  void propertiesWinOverATrustedUrlForApplicationOnlyOptions() throws Exception {
    JwtDriver.trustUrls(true);
    Properties p = signed();
    p.setProperty("jwt.subject", "app");
    JwtDriver.instance().connect("jdbc:jwt:stub:db?jwt.subject=admin&jwt.audience=other-db", p).close();
    SignedJWT token = SignedJWT.parse(stub.lastCall().properties().getProperty("password"));
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("app");
    assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(ISSUER.audience());
    // an application-only option the properties leave out comes from the trusted URL
    JwtDriver.instance().connect("jdbc:jwt:stub:db?jwt.ttl=2m", signed()).close();
    SignedJWT shortLived = SignedJWT.parse(stub.lastCall().properties().getProperty("password"));
    assertThat(shortLived.getJWTClaimsSet().getExpirationTime().getTime()
        - shortLived.getJWTClaimsSet().getIssueTime().getTime()).isEqualTo(120_000L);
  }

  @Test
  void urlAllowedOptionsInTheUrlStillWinOverProperties() throws Exception {
    Properties p = signed();
    p.setProperty("jwt.claim.db_user", "from-url");
    p.setProperty("jwt.userClaim", "sub");
    JwtDriver.instance().connect("jdbc:jwt:stub:db?jwt.userClaim=db_user", p).close();
    assertThat(stub.lastCall().properties().getProperty("user")).isEqualTo("from-url");
  }

  @Test
  void aHikariCpJdbcUrlCannotLaunderItsOptionsIntoDataSourceProperties() {
    // JwtHikariDataSource moves the URL's options into the DataSource HikariCP connects through: not these
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:jwt:stub:db?jwt.token=" + ISSUER.mint("app") + "&jwt.provider=exec&jwt.command="
        + script);
    config.setUsername("app");
    config.setMinimumIdle(0);
    assertThatThrownBy(() -> new JwtHikariDataSource(config).close())
        .hasMessageContaining("jwt.provider (other than static), jwt.command are given in the JDBC URL");
    assertThat(config.getDataSourceProperties()).isEmpty();
    assertThat(config.getJdbcUrl()).contains("jwt.command");

    JwtHikariDataSource bySetters = new JwtHikariDataSource();
    bySetters.setJdbcUrl(config.getJdbcUrl());
    bySetters.setMinimumIdle(0);
    assertThatThrownBy(bySetters::getConnection).isInstanceOf(SQLException.class)
        .hasMessageContaining("jwt.command");
    bySetters.close();
    assertThat(bySetters.getDataSourceProperties()).isEmpty();
    nothingHappened();
  }

  @Test
  void aTrustedHikariCpJdbcUrlMovesItsOptionsWithTheirPrecedence() throws Exception {
    JwtDriver.trustUrls(true);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:jwt:stub:db?jwt.provider=static&jwt.token=" + ISSUER.mint("app") + "&jwt.ttl=2m"
        + "&jwt.clockSkew=5s");
    config.setUsername("app");
    config.setMinimumIdle(0);
    config.addDataSourceProperty("jwt.ttl", "10m");
    config.addDataSourceProperty("jwt.clockSkew", "20s");
    try (JwtHikariDataSource pool = new JwtHikariDataSource(config); Connection c = pool.getConnection()) {
      assertThat(c).isNotNull();
    }
    // the merged options are in the DataSource HikariCP connects through, none in its configuration
    assertThat(config.getDataSource()).asString().contains("jwt.ttl=10m", "jwt.clockSkew=5s");
    assertThat(config.getDataSourceProperties()).isEmpty();
  }

  @Test
  void propertyInfoShowsWhatConnectWouldUseAndDoesNothing() throws Exception {
    Properties p = signed();
    p.setProperty("jwt.subject", "app");
    DriverPropertyInfo[] info = JwtDriver.instance().getPropertyInfo("jdbc:jwt:stub:db?jwt.subject=admin"
        + "&jwt.command=" + script + "&jwt.clockSkew=5s&jwt.clientSecret=" + CLIENT_SECRET, p);
    assertThat(value(info, "jwt.subject")).isEqualTo("app");
    assertThat(value(info, "jwt.command")).isNull();
    assertThat(value(info, "jwt.clientSecret")).isNull();
    assertThat(value(info, "jwt.clockSkew")).isEqualTo("5s");
    assertThat(description(info, "jwt.command")).contains("Application-only");
    assertThat(description(info, "jwt.clockSkew")).doesNotContain("Application-only");
    nothingHappened();
  }

  @Test
  void theCheckCommandTrustsItsOperatorsUrlAndLetsPropertiesWin() throws Exception {
    Properties props = signed();
    props.setProperty("jwt.subject", "app");
    String url = UrlPolicy.moveIntoProperties("jdbc:jwt:stub:db?ssl=true&jwt.subject=admin&jwt.ttl=2m"
        + "&jwt.clockSkew=5s", props, true);
    assertThat(url).isEqualTo("jdbc:jwt:stub:db?ssl=true");
    assertThat(props).containsEntry("jwt.subject", "app").containsEntry("jwt.ttl", "2m")
        .containsEntry("jwt.clockSkew", "5s");
    assertThatThrownBy(() -> UrlPolicy.moveIntoProperties("jdbc:jwt:stub:db?jwt.ttl=2m", new Properties(), false))
        .hasMessageContaining("jwt.ttl is given in the JDBC URL");
  }

  @Test
  void manyRefusedOptionsGiveAShortMessage() {
    StringBuilder url = new StringBuilder("jdbc:jwt:stub:db?jwt.provider=exec");
    for (int i = 0; i < 5000; i++) {
      url.append("&jwt.claim.c").append(i).append("=v");
    }
    for (String key : new String[] {"command", "tokenFile", "signingKey", "issuer", "audience", "subject", "ttl",
        "scope", "resource", "region"}) {
      url.append("&jwt.").append(key).append("=x");
    }
    SQLException e = refused(url.toString(), user(), "jwt.provider", "and 4 more");
    assertThat(e.getMessage()).hasSizeLessThan(1000);
  }

  @Test
  void theDocumentedFirstRunErrorsAreTheOnesTheDriverGives() throws Exception {
    assertDocumented("../README.md", "jdbc:jwt:stub://db.internal:5432/orders?user=orders&jwt.provider=signed"
        + "&jwt.signingKey=file:/keys/orders.pem&jwt.issuer=https://issuer.internal&jwt.audience=orders-db");
    assertDocumented("../docs/getting-started.md", "jdbc:jwt:stub://db:5432/orders?user=orders&jwt.provider=file"
        + "&jwt.tokenFile=/var/run/secrets/tokens/db");
  }

  private void assertDocumented(String doc, String url) throws Exception {
    String message = refused(url, new Properties(), "jwt.provider (other than static)").getMessage();
    String text = Files.readString(Path.of(doc)).replaceAll("\\s+", " ");
    assertThat(text).as(doc + " shows the driver's message").contains(message.substring("jdbc-jwt: ".length()));
  }

  private static Properties signed() {
    Properties p = user();
    p.setProperty("jwt.provider", "signed");
    p.setProperty("jwt.signingKey", ISSUER.privateKeyPem());
    p.setProperty("jwt.issuer", ISSUER.issuer());
    p.setProperty("jwt.audience", ISSUER.audience());
    return p;
  }

  private static Properties clientCredentials() {
    Properties p = user();
    p.setProperty("jwt.provider", "client-credentials");
    p.setProperty("jwt.tokenEndpoint", idp() + "/token");
    p.setProperty("jwt.clientId", "orders");
    p.setProperty("jwt.clientSecret", CLIENT_SECRET);
    return p;
  }

  private static String subjectOf(String jwt) throws Exception {
    return SignedJWT.parse(jwt).getJWTClaimsSet().getSubject();
  }

  private static String value(DriverPropertyInfo[] info, String name) {
    return Arrays.stream(info).filter(i -> i.name.equals(name)).findFirst().orElseThrow().value;
  }

  private static String description(DriverPropertyInfo[] info, String name) {
    return Arrays.stream(info).filter(i -> i.name.equals(name)).findFirst().orElseThrow().description;
  }
}
