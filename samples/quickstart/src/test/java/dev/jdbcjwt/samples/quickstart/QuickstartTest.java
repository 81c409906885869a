package dev.jdbcjwt.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Runs the whole demo through the real jdbc:jwt: driver, with shorter-lived tokens so that it takes a few seconds. */
class QuickstartTest {

  @Test
  void logsInWithATokenGetsANewOneNearExpiryAndRefusesAnUntrustedKey() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Quickstart.Settings settings = new Quickstart.Settings("quickstart-smoke", Duration.ofSeconds(10),
        Duration.ofSeconds(4));

    Quickstart.Result result;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      result = new Quickstart(settings, out).run();
    }

    // the database let in exactly the token's subject
    assertThat(result.firstToken().subject()).isEqualTo(Quickstart.USER);
    assertThat(result.currentUser()).isEqualTo("APP@" + TokenTrustingDatabase.REALM);

    // near expiry the driver minted a new token instead of reusing the old one
    assertThat(result.secondToken().tokenId()).isNotEqualTo(result.firstToken().tokenId());
    assertThat(result.secondToken().issuedAt()).isAfter(result.firstToken().issuedAt());
    assertThat(result.secondToken().expiresAt()).isAfter(result.firstToken().expiresAt());
    assertThat(result.rowsAtTheEnd()).isEqualTo(2);

    // the database itself refused a token signed by a key it does not trust
    assertThat(result.refusedSqlState()).isEqualTo("28000");
    assertThat(result.refusalReason()).containsIgnoringCase("no matching key");

    // nothing secret was printed: no PEM, no JWT (every JWT starts with the base64url of '{"')
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("[6]").doesNotContain("PRIVATE KEY").doesNotContain("eyJ");
  }
}
