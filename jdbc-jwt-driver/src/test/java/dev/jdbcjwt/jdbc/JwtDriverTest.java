package dev.jdbcjwt.jdbc;

import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtDriverTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();
  private StubDriver stub;

  @BeforeEach
  void setUp() {
    stub = StubDriver.reset();
    TokenCaches.clear();
  }

  private static Properties signed() {
    Properties p = SignedProperties.forApp();
    p.setProperty("jwt.keyId", ISSUER.keyId());
    return p;
  }

  @Test
  void isFoundByDriverManagerAndIgnoresForeignUrls() throws Exception {
    assertThat(DriverManager.getDriver("jdbc:jwt:stub:db")).isInstanceOf(JwtDriver.class);
    JwtDriver driver = JwtDriver.instance();
    assertThat(driver.connect("jdbc:postgresql://localhost/db", new Properties())).isNull();
    assertThat(driver.connect(null, new Properties())).isNull();
    assertThat(driver.acceptsURL("jdbc:jwt:stub:x")).isTrue();
    assertThat(driver.acceptsURL("jdbc:stub:x")).isFalse();
  }

  @Test
  void stripsJwtOptionsAndPutsTheTokenIntoThePassword() throws Exception {
    Properties p = signed();
    p.setProperty("jwt.ttl", "5m");
    p.setProperty("jwt.keyId", "k1");
    try (Connection c = DriverManager.getConnection(
        "jdbc:jwt:stub://db:5432/orders?ssl=true&jwt.clockSkew=20s&sslmode=require&jwt.refreshAhead=50%", p)) {
      assertThat(c).isNotNull();
    }
    StubDriver.Call call = stub.lastCall();
    assertThat(call.url()).isEqualTo("jdbc:stub://db:5432/orders?ssl=true&sslmode=require");
    assertThat(call.properties().stringPropertyNames()).noneMatch(n -> n.startsWith("jwt."));
    assertThat(call.properties().getProperty("user")).isEqualTo("app");
    SignedJWT token = SignedJWT.parse(call.properties().getProperty("password"));
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("app");
    assertThat(token.getHeader().getKeyID()).isEqualTo("k1");
    long ttl = token.getJWTClaimsSet().getExpirationTime().getTime() - token.getJWTClaimsSet().getIssueTime().getTime();
    assertThat(ttl).isEqualTo(5 * 60_000L);
  }

  @Test
  void semicolonStyleOptionsAreStrippedToo() throws Exception {
    DriverManager.getConnection("jdbc:jwt:stub:mem:db;MODE=PostgreSQL;jwt.clockSkew=20s;AUTHREALM=x", signed())
        .close();
    assertThat(stub.lastCall().url()).isEqualTo("jdbc:stub:mem:db;MODE=PostgreSQL;AUTHREALM=x");
  }

  @Test
  void urlAllowedOptionsInTheUrlWinOverProperties() throws Exception {
    Properties p = signed();
    p.setProperty("jwt.claim.db_user", "from-url");
    p.setProperty("jwt.userClaim", "sub");
    DriverManager.getConnection("jdbc:jwt:stub:db?jwt.userClaim=db_user", p).close();
    assertThat(stub.lastCall().properties().getProperty("user")).isEqualTo("from-url");
  }

  @Test
  void tokenPropertyAndUserClaimChooseWhereTokenAndUserGo() throws Exception {
    Properties p = signed();
    p.setProperty("jwt.tokenProperty", "accessToken");
    p.setProperty("jwt.userClaim", "db_user");
    p.setProperty("jwt.claim.db_user", "reporting");
    DriverManager.getConnection("jdbc:jwt:stub:db", p).close();
    Properties sent = stub.lastCall().properties();
    assertThat(sent.getProperty("accessToken")).startsWith("eyJ");
    assertThat(sent.getProperty("password")).isNull();
    assertThat(sent.getProperty("user")).isEqualTo("reporting");
  }

  @Test
  void aMissingUserClaimIsAConfigurationError() {
    Properties p = signed();
    p.setProperty("jwt.userClaim", "preferred_username");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:jwt:stub:db", p))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("HY000"))
        // a configuration mistake is not a connection error: pools must not treat it as one
        .isNotInstanceOf(java.sql.SQLNonTransientConnectionException.class)
        .isInstanceOf(java.sql.SQLNonTransientException.class)
        .hasMessage("jdbc-jwt: jwt.userClaim=preferred_username but the token has no such text claim; name a claim "
            + "the token carries (e.g. sub)");
  }

  @Test
  void theTokenIsCachedAcrossConnections() throws Exception {
    DriverManager.getConnection("jdbc:jwt:stub:db", signed()).close();
    DriverManager.getConnection("jdbc:jwt:stub:db", signed()).close();
    assertThat(stub.calls()).hasSize(2);
    assertThat(stub.calls().get(0).properties().getProperty("password"))
        .isEqualTo(stub.calls().get(1).properties().getProperty("password"));
  }

  @Test
  void aRefusedTokenIsReplacedAndTheConnectRetriedOnce() throws Exception {
    DriverManager.getConnection("jdbc:jwt:stub:db", signed()).close();
    String first = stub.lastCall().properties().getProperty("password");
    stub.refuseWhen(p -> first.equals(p.getProperty("password")), "28P01", 0);

    DriverManager.getConnection("jdbc:jwt:stub:db", signed()).close();

    assertThat(stub.calls()).hasSize(3);
    assertThat(stub.lastCall().properties().getProperty("password")).isNotEqualTo(first);
  }

  @Test
  void aSecondRefusalIsReportedAs28000WithTheVendorErrorAsCause() throws Exception {
    stub.refuseWhen(p -> true, null, 1045);
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:jwt:stub:db", signed()))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getErrorCode()).isEqualTo(1045);
          assertThat(e.getMessage()).startsWith("jdbc-jwt: the database refused the token for user 'app'")
              .contains("key id " + ISSUER.keyId()).doesNotContain("eyJ");
          assertThat(e.getCause()).isInstanceOf(SQLException.class);
        });
    assertThat(stub.calls()).hasSize(2);
  }

  @Test
  void otherVendorErrorsPassThroughUntouched() {
    stub.refuseWhen(p -> true, "08001", 0);
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:jwt:stub:db", signed()))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageStartingWith("password authentication failed");
    assertThat(stub.calls()).hasSize(1);
  }

  @Test
  void configurationMistakesAreHy000OneLinersNamingTheOption() {
    Properties p = signed();
    p.setProperty("jwt.isuer", "x");
    assertConfigError("jdbc:jwt:stub:db", p, "jdbc-jwt: Unknown option 'jwt.isuer'. Did you mean 'jwt.issuer'?");

    Properties badTtl = signed();
    assertConfigError("jdbc:jwt:stub:db?jwt.clockSkew=soon", badTtl,
        "jdbc-jwt: jwt.clockSkew: 'soon' is not a duration; write e.g. 90s, 15m, 1h, 500ms or PT90S");

    Properties noProvider = signed();
    noProvider.remove("jwt.provider");
    assertConfigError("jdbc:jwt:stub:db", noProvider,
        "jdbc-jwt: jwt.provider is required to choose where tokens come from; add it to the URL or properties");

    Properties missingKey = signed();
    missingKey.setProperty("jwt.signingKey", "file:/nonexistent/key.pem");
    assertConfigError("jdbc:jwt:stub:db", missingKey,
        "jdbc-jwt: jwt.signingKey: file '/nonexistent/key.pem' does not exist");

    Properties badPem = signed();
    badPem.setProperty("jwt.signingKey", "-----BEGIN PRIVATE KEY-----\nQUJD\n-----END PRIVATE KEY-----");
    assertConfigError("jdbc:jwt:stub:db", badPem,
        "jdbc-jwt: jwt.signingKey: the PEM block is not an RSA, EC or Ed25519 PKCS#8 private key");

    assertConfigError("jdbc:jwt:", signed(), "jdbc-jwt: the URL has no database part; write jdbc:jwt:<vendor-url>, "
        + "e.g. jdbc:jwt:postgresql://host:5432/db");
  }

  @Test
  void aMissingVendorDriverNamesTheArtifactToAdd() {
    assertConfigError("jdbc:jwt:sqlserver://db:1433", signed(), "jdbc-jwt: no JDBC driver accepts jdbc:sqlserver: "
        + "URLs; add the Maven dependency com.microsoft.sqlserver:mssql-jdbc (or its jar) to the class path");
    assertConfigError("jdbc:jwt:exotic://db", signed(),
        "jdbc-jwt: no JDBC driver accepts jdbc:exotic: URLs; add the JDBC driver for 'exotic' to the class path");
  }

  @Test
  void anUnobtainableTokenIs08001() {
    Properties p = new Properties();
    p.setProperty("jwt.provider", "static");
    p.setProperty("jwt.token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZXhwIjoxfQ.");
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:jwt:stub:db", p))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
        .hasMessageContaining("no token could be obtained");
  }

  @Test
  void propertyInfoDescribesEveryOptionAndNeverEchoesSecrets() throws Exception {
    Properties p = signed();
    p.setProperty("stubOption", "visible");
    DriverPropertyInfo[] info = JwtDriver.instance().getPropertyInfo("jdbc:jwt:stub:db?jwt.token=abc.def.ghi", p);
    assertThat(Arrays.stream(info).map(i -> i.name)).contains("jwt.provider", "jwt.signingKey", "jwt.ttl",
        "jwt.claim.<name>", "stubOption");
    DriverPropertyInfo key = Arrays.stream(info).filter(i -> i.name.equals("jwt.signingKey")).findFirst().get();
    assertThat(key.value).isEqualTo("<redacted>");
    assertThat(key.description).contains("PKCS#8");
    DriverPropertyInfo token = Arrays.stream(info).filter(i -> i.name.equals("jwt.token")).findFirst().get();
    assertThat(token.value).isEqualTo("<redacted>");
    DriverPropertyInfo ttl = Arrays.stream(info).filter(i -> i.name.equals("jwt.ttl")).findFirst().get();
    assertThat(ttl.value).isEqualTo("15m");
    DriverPropertyInfo provider = Arrays.stream(info).filter(i -> i.name.equals("jwt.provider")).findFirst().get();
    assertThat(provider.required).isTrue();
    assertThat(provider.value).isEqualTo("signed");
    DriverPropertyInfo alg = Arrays.stream(info).filter(i -> i.name.equals("jwt.algorithm")).findFirst().get();
    assertThat(alg.choices).contains("RS256", "EdDSA");
    assertThat(Arrays.stream(info).filter(i -> i.name.equals("stubOption")).findFirst().get().value)
        .isEqualTo("visible");
    assertThat(Arrays.toString(Arrays.stream(info).map(i -> i.value).toArray()))
        .doesNotContain("abc.def.ghi").doesNotContain("BEGIN PRIVATE KEY");
  }

  @Test
  void propertyInfoShowsNoSecretGivenInTheUrlOrInProperties() throws Exception {
    String clientSecret = "literal-client-secret-" + java.util.UUID.randomUUID();
    dev.jdbcjwt.testing.leaks.LeakWatch.registerSecret(clientSecret);
    String token = ISSUER.mint("app");
    String pem = ISSUER.privateKeyPem();

    Properties inProperties = signed(); // jwt.signingKey, a literal PEM key
    inProperties.setProperty("jwt.clientSecret", clientSecret);
    inProperties.setProperty("jwt.token", token);
    inProperties.setProperty("stubOption", "visible");
    String inUrl = "jdbc:jwt:stub:db?jwt.clientSecret=" + clientSecret + "&jwt.token=" + token
        + "&jwt.clientAssertionKey=" + java.net.URLEncoder.encode(pem, java.nio.charset.StandardCharsets.UTF_8);

    for (String url : List.of("jdbc:jwt:stub:db", inUrl)) {
      for (Properties p : List.of(inProperties, new Properties())) {
        DriverPropertyInfo[] info = JwtDriver.instance().getPropertyInfo(url, p);
        for (DriverPropertyInfo i : info) {
          String text = i.name + "=" + i.value + " " + i.description + " " + Arrays.toString(i.choices);
          // boolean checks: a failure message must not quote the secret
          assertThat(dev.jdbcjwt.testing.leaks.LeakWatch.leaksIn(text)).as(i.name).isEmpty();
          assertThat(text.contains(clientSecret) || String.valueOf(i.value).contains("PRIVATE KEY")).as(i.name)
              .isFalse();
        }
        java.util.Map<String, String> values = new java.util.HashMap<>();
        Arrays.stream(info).filter(i -> i.value != null).forEach(i -> values.put(i.name, i.value));
        if (url.equals(inUrl) || p == inProperties) {
          assertThat(values).containsEntry("jwt.token", "<redacted>"); // may come from the URL
        }
        if (p == inProperties) {
          assertThat(values).containsEntry("jwt.signingKey", "<redacted>").containsEntry("stubOption", "visible")
              .containsEntry("jwt.clientSecret", "<redacted>");
        } else {
          // application-only: refused in the URL, so not what connect would use
          assertThat(values).doesNotContainKeys("jwt.clientSecret", "jwt.clientAssertionKey");
        }
      }
    }
  }

  private static void assertConfigError(String url, Properties p, String message) {
    assertThatThrownBy(() -> DriverManager.getConnection(url, p))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("HY000");
          assertThat(e.getMessage()).isEqualTo(message).doesNotContain("\n");
        });
  }
}
