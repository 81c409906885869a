package dev.jdbcjwt.samples.plainjdbc;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample against the real PostgreSQL that validates the token itself. */
class PlainJdbcTest {

  @Test
  void logsInWithASignedTokenAndShowsWhoItIs() throws Exception {
    PostgresServer db = PostgresServer.shared();
    db.createTokenUser("sample_app");
    TestIssuer issuer = TestIssuer.shared();
    Path key = Files.createTempFile("sample", ".pem");
    Files.writeString(key, issuer.privateKeyPem());
    String url = "jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable";
    java.util.Properties options = new java.util.Properties();
    options.setProperty("jwt.provider", "signed");
    options.setProperty("jwt.signingKey", "file:" + key);
    options.setProperty("jwt.keyId", issuer.keyId());
    options.setProperty("jwt.issuer", issuer.issuer());
    options.setProperty("jwt.audience", issuer.audience());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      assertThat(PlainJdbc.run(url, "sample_app", options, new PrintStream(out, true, StandardCharsets.UTF_8)))
          .isEqualTo("sample_app");
    } finally {
      Files.delete(key);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Connected as sample_app to PostgreSQL")
        .contains("token for sample_app (key " + issuer.keyId() + ")").doesNotContain("eyJ");
  }
}
