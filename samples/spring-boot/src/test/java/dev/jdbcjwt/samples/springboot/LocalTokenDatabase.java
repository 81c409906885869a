package dev.jdbcjwt.samples.springboot;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local stand-in for the production database: the test harness's private PostgreSQL, which validates tokens
 * signed by {@link TestIssuer#shared()}, with the service's database user. Gives the properties that point the
 * service's application.yml at it: the URL, the user and the signing key (as a file only this process can read).
 */
final class LocalTokenDatabase {

  static final String USER = "orders";

  private LocalTokenDatabase() {
  }

  /** Starts the database (once per JVM) and returns the properties that override application.yml's. */
  static Map<String, String> properties() {
    PostgresServer server = PostgresServer.shared();
    server.createTokenUser(USER);
    TestIssuer issuer = TestIssuer.shared();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.datasource.url", "jdbc:jwt:" + server.vendorUrl() + "?sslmode=disable");
    p.put("spring.datasource.username", USER);
    p.put("jdbc-jwt.signing-key", "file:" + signingKeyFile(issuer));
    p.put("jdbc-jwt.key-id", issuer.keyId());
    p.put("jdbc-jwt.issuer", issuer.issuer());
    p.put("jdbc-jwt.audience", issuer.audience());
    return p;
  }

  private static Path signingKeyFile(TestIssuer issuer) {
    try {
      Path key = Files.createTempFile("orders-signing-key", ".pem",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      key.toFile().deleteOnExit();
      Files.writeString(key, issuer.privateKeyPem());
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the local signing key", e);
    }
  }
}
