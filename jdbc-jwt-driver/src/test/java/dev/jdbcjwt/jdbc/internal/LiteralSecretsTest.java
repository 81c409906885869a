package dev.jdbcjwt.jdbc.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralSecretsTest {

  @Test
  void onlySecretOptionsGivenAsValuesAreLiteralSecrets() {
    assertThat(LiteralSecrets.isLiteralSecret("jwt.clientSecret", "s3cret")).isTrue();
    assertThat(LiteralSecrets.isLiteralSecret("jwt.clientSecret", "env:SECRET")).isFalse();
    assertThat(LiteralSecrets.isLiteralSecret("jwt.signingKey", "file:/etc/key.pem")).isFalse();
    assertThat(LiteralSecrets.isLiteralSecret("jwt.clientId", "orders")).isFalse();
    assertThat(LiteralSecrets.isLiteralSecret("password", "s3cret")).isFalse(); // not ours: HikariCP masks it
    assertThat(LiteralSecrets.isLiteralSecret("jwt.token", null)).isFalse();
  }
}
