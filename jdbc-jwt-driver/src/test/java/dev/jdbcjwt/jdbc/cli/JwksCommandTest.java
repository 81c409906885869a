package dev.jdbcjwt.jdbc.cli;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.jdbcjwt.testing.TestIssuer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class JwksCommandTest {

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void printsThePublicKeyThatMatchesThePrivateOneAndNothingPrivate() throws Exception {
    TestIssuer issuer = TestIssuer.shared();
    Path key = Files.createTempFile("k", ".pem");
    Files.writeString(key, issuer.privateKeyPem());
    try {
      String[] r = run("jwks", "--signing-key", key.toString(), "--key-id", "prod-2026");
      assertThat(r[0]).isEqualTo("0");
      JWKSet set = JWKSet.parse(r[1]);
      assertThat(set.getKeys()).hasSize(1);
      JWK jwk = set.getKeys().get(0);
      assertThat(jwk.isPrivate()).isFalse();
      assertThat(jwk.getKeyID()).isEqualTo("prod-2026");
      assertThat(((RSAKey) jwk).toRSAPublicKey()).isEqualTo(issuer.privateJwk().toRSAPublicKey());
      assertThat(r[1]).doesNotContain("\"d\"").doesNotContain("\"p\"");
    } finally {
      Files.delete(key);
    }
  }

  @Test
  void badInputIsAOneLineError() throws Exception {
    Path junk = Files.createTempFile("k", ".pem");
    Files.writeString(junk, "not a key");
    try {
      String[] r = run("jwks", "--signing-key", junk.toString());
      assertThat(r[0]).isEqualTo(String.valueOf(ExitCode.CONFIGURATION));
      assertThat(r[2]).contains("jwt.signingKey is neither a PEM private key");
      assertThat(run("jwks")[0]).isEqualTo(String.valueOf(ExitCode.USAGE));
      assertThat(run("jwks", "--key-id", "x")[0]).isEqualTo(String.valueOf(ExitCode.USAGE));
    } finally {
      Files.delete(junk);
    }
  }

  @Test
  void usageErrorsSayWhatIsWrong() {
    String[] noValue = run("jwks", "--signing-key");
    assertThat(noValue[0]).isEqualTo(String.valueOf(ExitCode.USAGE));
    assertThat(noValue[2]).contains("--signing-key needs a value");
    String[] keyIdFirst = run("jwks", "--key-id", "x", "--signing-key", "k.pem");
    assertThat(keyIdFirst[0]).isEqualTo(String.valueOf(ExitCode.USAGE));
    assertThat(keyIdFirst[2]).contains("--key-id applies to the --signing-key before it");
    String[] unknown = run("jwks", "--signing-key", "k.pem", "--kid", "x");
    assertThat(unknown[0]).isEqualTo(String.valueOf(ExitCode.USAGE));
    assertThat(unknown[2]).contains("unknown option --kid");
    assertThat(run("jwks")[2]).startsWith("usage: jwks --signing-key");
  }
}
