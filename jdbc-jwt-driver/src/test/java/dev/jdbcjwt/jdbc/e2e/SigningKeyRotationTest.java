package dev.jdbcjwt.jdbc.e2e;

import com.nimbusds.jose.jwk.JWKSet;
import dev.jdbcjwt.jdbc.TimedDriver;
import dev.jdbcjwt.jdbc.TokenConnection;
import dev.jdbcjwt.jdbc.cli.Main;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the key of jwt.provider=signed by replacing the key file, on a PostgreSQL that is told what to trust by the
 * driver's own jwks command: first both keys, then only the new one. The driver runs on a fake clock
 * ({@link TimedDriver}), so the background refresh that picks up the new key comes when the test advances it.
 */
class SigningKeyRotationTest {

  private static final String ISSUER = "https://self-issued.jdbc-jwt.test";
  private static final String AUDIENCE = "rotation-db";

  static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** The jwks command, as an operator runs it. */
  static JWKSet jwks(Path... keys) throws Exception {
    String[] args = new String[1 + 2 * keys.length];
    args[0] = "jwks";
    for (int i = 0; i < keys.length; i++) {
      args[1 + 2 * i] = "--signing-key";
      args[2 + 2 * i] = keys[i].toString();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertThat(code).isZero();
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json).doesNotContain("\"d\"").doesNotContain("PRIVATE");
    return JWKSet.parse(json);
  }

  static String kidOf(Connection c) throws SQLException {
    return c.unwrap(TokenConnection.class).tokenKeyId().orElseThrow();
  }

  @Test
  void replacingTheKeyFileRotatesWithoutAFailedConnection(@TempDir Path dir) throws Exception {
    Path oldKey = dir.resolve("old.pem");
    Path newKey = dir.resolve("new.pem");
    Files.writeString(oldKey, pem(ec()));
    Files.writeString(newKey, pem(ec()));
    JWKSet oldOnly = jwks(oldKey);
    JWKSet both = jwks(oldKey, newKey);
    JWKSet newOnly = jwks(newKey);
    assertThat(both.getKeys()).hasSize(2);

    TimedDriver driver = TimedDriver.startingNow();
    Path live = dir.resolve("signing.pem");
    Files.copy(oldKey, live);
    try (PostgresServer db = PostgresServer.start(new TrustPolicy(oldOnly, ISSUER, AUDIENCE))) {
      db.createTokenUser("rotating");
      String url = "jdbc:jwt:" + db.vendorUrl() + "?sslmode=disable&jwt.clockSkew=1s&jwt.refreshAhead=4s";
      Properties p = new Properties();
      p.setProperty("user", "rotating");
      p.setProperty("jwt.provider", "signed");
      p.setProperty("jwt.signingKey", "file:" + live);
      p.setProperty("jwt.issuer", ISSUER);
      p.setProperty("jwt.audience", AUDIENCE);
      p.setProperty("jwt.ttl", "6s");

      try (Connection c = driver.connect(url, p)) {
        assertThat(kidOf(c)).isEqualTo(oldOnly.getKeys().get(0).getKeyID());
      }
      // step 1: the database trusts both keys; step 2: the new key file is swapped in
      db.ldapBridge().trust(new TrustPolicy(both, ISSUER, AUDIENCE));
      Path next = dir.resolve("signing.next");
      Files.copy(newKey, next);
      Files.move(next, live, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      // the old key's token, still cached and valid, keeps working
      try (Connection c = driver.connect(url, p)) {
        assertThat(kidOf(c)).isEqualTo(oldOnly.getKeys().get(0).getKeyID());
      }
      // the next token, refreshed in the background 1 s after issue (usable 5 s, refreshed 4 s ahead), is signed with
      // the new key
      driver.advance(Duration.ofMillis(999));
      try (Connection c = driver.connect(url, p)) {
        assertThat(kidOf(c)).as("before the refresh").isEqualTo(oldOnly.getKeys().get(0).getKeyID());
      }
      driver.advance(Duration.ofMillis(1));
      try (Connection c = driver.connect(url, p)) {
        assertThat(kidOf(c)).isEqualTo(newOnly.getKeys().get(0).getKeyID());
      }
      // step 3: the database drops the old key; new connections keep working
      db.ldapBridge().trust(new TrustPolicy(newOnly, ISSUER, AUDIENCE));
      try (Connection c = driver.connect(url, p)) {
        assertThat(kidOf(c)).isEqualTo(newOnly.getKeys().get(0).getKeyID());
      }
      assertThat(db.ldapBridge().failedBinds()).isZero();
    } finally {
      driver.close();
    }
  }
}
