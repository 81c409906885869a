package dev.jdbcjwt.token.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretReferenceTest {

  @Test
  void privateKeyFilesReadableByOthersAreWarnedAbout(@TempDir Path dir) throws Exception {
    Path open = dir.resolve("open.pem");
    Files.writeString(open, "k");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
    Path closed = dir.resolve("closed.pem");
    Files.writeString(closed, "k");
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));

    assertThat(SecretReference.warnIfOthersCanRead("jwt.signingKey", open)).isTrue();
    assertThat(SecretReference.warnIfOthersCanRead("jwt.signingKey", closed)).isFalse();
    assertThat(SecretReference.warnIfOthersCanRead("jwt.signingKey", dir.resolve("missing"))).isFalse();
  }

  @Test
  void onlySecretOptionsGivenAsValuesAreLiteralSecrets() {
    assertThat(SecretReference.isLiteralSecret("jwt.clientSecret", "s3cret")).isTrue();
    assertThat(SecretReference.isLiteralSecret("jwt.clientSecret", "env:SECRET")).isFalse();
    assertThat(SecretReference.isLiteralSecret("jwt.clientSecret", " env:SECRET ")).isFalse(); // read stripped
    assertThat(SecretReference.isLiteralSecret("jwt.signingKey", "file:/etc/key.pem")).isFalse();
    assertThat(SecretReference.isLiteralSecret("jwt.clientId", "orders")).isFalse();
    assertThat(SecretReference.isLiteralSecret("password", "s3cret")).isFalse(); // not ours: HikariCP masks it
    assertThat(SecretReference.isLiteralSecret("jwt.token", null)).isFalse();
  }
}
