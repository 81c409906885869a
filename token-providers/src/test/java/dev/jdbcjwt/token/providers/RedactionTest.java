package dev.jdbcjwt.token.providers;

import org.junit.jupiter.api.Test;

import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.jwt;
import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

  @Test
  void tokensSecretsAndLongOpaqueValuesAreRedacted() {
    String token = jwt("x", NOW.plusSeconds(60));
    String text = "failed for " + token + "\npassword=hunter2 \"access_token\": \"abc\" Authorization: Bearer xyz "
        + "key ya29.a0AfB_byC0123456789abcdefghijklmnopqrstuv host ossrdbms-aad.database.windows.net";

    String redacted = Redaction.redact(text, 1000);

    assertThat(redacted).doesNotContain(token, "hunter2", "abc", "xyz", "0123456789abcdefghijklmnopqrstuv")
        .contains("failed for <redacted>", "password=<redacted>", "ossrdbms-aad.database.windows.net")
        .doesNotContain("\n");
  }

  @Test
  void lengthIsBounded() {
    assertThat(Redaction.redact("word ".repeat(1000), 50)).hasSize(50).endsWith("…");
    assertThat(Redaction.redact(null, 50)).isEmpty();
  }
}
