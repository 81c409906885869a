package dev.jdbcjwt.token.providers.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.jdbcjwt.token.TokenException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/** An HTTPS identity provider with a certificate of its own: trusted only through jwt.trustStore. */
class TrustStoreTest {

  @TempDir
  static Path dir;
  private static WireMockServer idp;

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }

  @BeforeAll
  static void start() throws Exception {
    Path server = dir.resolve("server.p12");
    keytool("-genkeypair", "-alias", "idp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        server.toString(), "-storepass", "server-pass", "-keypass", "server-pass");
    keytool("-exportcert", "-rfc", "-alias", "idp", "-keystore", server.toString(), "-storepass", "server-pass",
        "-file", dir.resolve("ca.pem").toString());
    keytool("-importcert", "-noprompt", "-alias", "idp", "-file", dir.resolve("ca.pem").toString(), "-storetype",
        "PKCS12", "-keystore", dir.resolve("trust.p12").toString(), "-storepass", "trust-pass");
    idp = new WireMockServer(wireMockConfig().dynamicPort().dynamicHttpsPort().keystorePath(server.toString())
        .keystorePassword("server-pass").keyManagerPassword("server-pass").keystoreType("PKCS12"));
    idp.start();
    idp.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"opaque-https-token-0123456789abcdef\","
        + "\"token_type\":\"Bearer\",\"expires_in\":60}")));
  }

  @AfterAll
  static void stop() {
    idp.stop();
  }

  private static String[] options(String... more) {
    List<String> all = new java.util.ArrayList<>(List.of("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", "https://localhost:" + idp.httpsPort() + "/token", "jwt.clientId", "orders",
        "jwt.clientSecret", "orders-secret"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void anUntrustedCertificateIsUnavailableAndPointsAtTheTrustStoreOption() {
    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> source(options()).fetch());
    assertThat(e.getMessage()).contains("TLS with token endpoint https://localhost:", "jwt.trustStore");
  }

  @Test
  void aPemFileOfCertificatesIsTrusted() throws Exception {
    assertThat(source(options("jwt.trustStore", dir.resolve("ca.pem").toString())).fetch().expiresAt())
        .isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void aPkcs12TrustStoreWithItsPasswordIsTrusted() throws Exception {
    assertThat(source(options("jwt.trustStore", dir.resolve("trust.p12").toString(), "jwt.trustStorePassword",
        "trust-pass")).fetch().expiresAt()).isEqualTo(NOW.plusSeconds(60));
  }

  @Test
  void anUnusableTrustStoreIsAConfigurationError() throws Exception {
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source(options("jwt.trustStore",
        dir.resolve("trust.p12").toString(), "jwt.trustStorePassword", "wrong-pass"))).getMessage())
        .contains("jwt.trustStore", "jwt.trustStorePassword").doesNotContain("wrong-pass");
    Path garbage = dir.resolve("garbage.txt");
    Files.writeString(garbage, "nothing to trust");
    failure(TokenException.Kind.CONFIGURATION, () -> source(options("jwt.trustStore", garbage.toString())));
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source(options("jwt.trustStore",
        dir.resolve("absent.pem").toString()))).getMessage()).contains("cannot read file");
  }
}
