package dev.jdbcjwt.jdbc.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The diagnostics command end to end: against the real PostgreSQL, and for each kind of failure. */
class CheckCommandTest {

  private static final PostgresServer DB = PostgresServer.shared();

  record Result(int code, String out, String err) {
  }

  static Result check(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "check";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path keyFile(TestIssuer issuer) throws Exception {
    Path key = Files.createTempFile("signing", ".pem");
    Files.writeString(key, issuer.privateKeyPem());
    key.toFile().deleteOnExit();
    return key;
  }

  static String signedUrl(TestIssuer issuer, Path key) {
    return "jdbc:jwt:" + DB.vendorUrl() + "?sslmode=disable&jwt.provider=signed&jwt.signingKey=file:" + key
        + "&jwt.keyId=" + issuer.keyId() + "&jwt.issuer=" + issuer.issuer() + "&jwt.audience=" + issuer.audience();
  }

  @Test
  void aWorkingSetupShowsEveryStepAndNeverTheToken() throws Exception {
    DB.createTokenUser("cli_user");
    TestIssuer issuer = TestIssuer.shared();
    Result r = check(signedUrl(issuer, keyFile(issuer)), "--property", "user=cli_user");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("provider   : signed").contains("subject    : cli_user")
        .contains("key id     : " + issuer.keyId()).contains("issuer     : " + issuer.issuer())
        .contains("Database: PostgreSQL").contains("current user: cli_user")
        .contains("OK: the database accepted the token.")
        .doesNotContain("eyJ").doesNotContain("BEGIN PRIVATE KEY");
  }

  @Test
  void literalSecretsAreRedactedInTheOptionList() {
    Result r = check("jdbc:jwt:" + DB.vendorUrl() + "?jwt.provider=static&jwt.token=not-a-real-token-value");
    assertThat(r.out()).contains("jwt.token = <redacted>").doesNotContain("not-a-real-token-value");
  }

  @Test
  void aConfigurationMistakeExitsWith2AndSaysWhatToFix() {
    Result r = check("jdbc:jwt:" + DB.vendorUrl() + "?jwt.provider=signed&jwt.isuer=x");
    assertThat(r.code()).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(r.err()).contains("FAILED: configuration: jdbc-jwt: Unknown option 'jwt.isuer'. Did you mean "
        + "'jwt.issuer'?");
  }

  @Test
  void anUnverifiedConnectionToARemoteHostExitsWith2BeforeAnyTokenIsFetched() {
    // db.example.test is not a localhost name: it is not resolved, no DNS query is sent
    Result r = check("jdbc:jwt:postgresql://db.example.test:5432/app?sslmode=require&jwt.provider=static"
        + "&jwt.token=not-a-real-token-value");
    assertThat(r.code()).isEqualTo(ExitCode.CONFIGURATION);
    assertThat(r.err()).contains("does not verify the server").contains("sslmode=verify-full")
        .contains("jwt.allowUnverifiedTls");
    assertThat(r.out()).doesNotContain("3. Token");
  }

  @Test
  void anUnreachableIdentityProviderExitsWith3() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Result r = check("jdbc:jwt:" + DB.vendorUrl() + "?jwt.provider=client-credentials&jwt.tokenEndpoint="
        + "http://127.0.0.1:" + closedPort + "/token&jwt.clientId=c&jwt.clientSecret=cli-test-secret-1");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.TOKEN_UNAVAILABLE);
    assertThat(r.err()).startsWith("FAILED: no token could be obtained").contains("127.0.0.1:" + closedPort)
        .doesNotContain("cli-test-secret-1");
  }

  @Test
  void anIdentityProviderThatRefusesTheClientExitsWith4() {
    WireMockServer idp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    idp.start();
    try {
      idp.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(401)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}")));
      Result r = check("jdbc:jwt:" + DB.vendorUrl() + "?jwt.provider=client-credentials&jwt.tokenEndpoint="
          + "http://127.0.0.1:" + idp.port() + "/token&jwt.clientId=c&jwt.clientSecret=cli-test-secret-2");
      assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.IDP_REFUSED);
      assertThat(r.err()).contains("refused the client").contains("invalid_client")
          .doesNotContain("cli-test-secret-2");
    } finally {
      idp.stop();
    }
  }

  @Test
  void aTokenTheDatabaseRefusesExitsWith5WithWhatToCheck() throws Exception {
    DB.createTokenUser("cli_user");
    TestIssuer stranger = TestIssuer.generate(TestIssuer.DEFAULT_ISSUER, TestIssuer.DEFAULT_AUDIENCE);
    Result r = check(signedUrl(stranger, keyFile(stranger)), "--property=user=cli_user");
    assertThat(r.code()).isEqualTo(ExitCode.DATABASE_REFUSED);
    assertThat(r.out()).contains("key id     : " + stranger.keyId());
    assertThat(r.err()).contains("the database refused the token. Check that it trusts issuer "
        + stranger.issuer() + " and key id " + stranger.keyId()).doesNotContain("eyJ");
  }

  @Test
  void anUnreachableDatabaseExitsWith6() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    TestIssuer issuer = TestIssuer.shared();
    Result r = check(signedUrl(issuer, keyFile(issuer)).replace(":" + DB.port() + "/", ":" + closedPort + "/"),
        "--property", "user=cli_user");
    assertThat(r.code()).isEqualTo(ExitCode.CONNECTION_FAILED);
    assertThat(r.err()).contains("could not connect to the database (SQLState 08001)");
  }

  @Test
  void usageErrors() {
    assertThat(Main.run(new String[0], new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()))).isEqualTo(ExitCode.USAGE);
    assertThat(check().code()).isEqualTo(ExitCode.USAGE);
    assertThat(check("jdbc:jwt:x", "--property", "novalue").code()).isEqualTo(ExitCode.USAGE);
    assertThat(check("jdbc:postgresql://h/db").code()).isEqualTo(ExitCode.CONFIGURATION);
  }
}
