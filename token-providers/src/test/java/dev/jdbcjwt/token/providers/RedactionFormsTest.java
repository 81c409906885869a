package dev.jdbcjwt.token.providers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The forms issue 13 names: URL user information, secret arguments, known secrets, endpoints and commands. */
class RedactionFormsTest {

  @Test
  void urlUserInformationIsRemoved() {
    assertThat(Redaction.redact("cannot reach https://orders:hunter22@idp.example/token (refused)", 200))
        .isEqualTo("cannot reach https://<redacted>@idp.example/token (refused)");
    assertThat(Redaction.redact("proxy http://user@proxy:3128 failed", 200))
        .isEqualTo("proxy http://<redacted>@proxy:3128 failed");
  }

  @Test
  void secretArgumentsAreRemovedWithSpacesTabsOrEquals() {
    String stderr = "usage error in: get-token --client-secret s1a --client-secret=s2b\t--token\ts3c "
        + "--password 's4 d' --api-key s5e --db-password=\"s6f\" --region eu-west-1 -p 5432";

    String redacted = Redaction.redact(stderr, 1000);

    assertThat(redacted).doesNotContain("s1a", "s2b", "s3c", "s4 d", "s5e", "s6f")
        .contains("--client-secret <redacted>", "--client-secret=<redacted>", "--token <redacted>",
            "--password <redacted>", "--api-key <redacted>", "--db-password=<redacted>")
        .contains("--region eu-west-1", "-p 5432"); // short flags are ambiguous (port or password): left alone
  }

  @Test
  void theConfigurationsOwnSecretsAreRemovedWhereverTheyAppear() {
    String text = "invalid_client: client secret 'Wh4tEver-Pa55' is not valid for client orders (Wh4tEver-Pa55)";

    assertThat(Redaction.redact(text, 300, List.of("Wh4tEver-Pa55", "abc")))
        .isEqualTo("invalid_client: client secret '<redacted>' is not valid for client orders (<redacted>)");
    assertThat(Redaction.withoutKnown("a short one: abc", List.of("abc"))).isEqualTo("a short one: abc");
  }

  @Test
  void endpointsShowSchemeHostPortAndPathOnly() {
    assertThat(Redaction.endpoint("https://idp.example:8443/realms/a/token?api_key=SECRET#x"))
        .isEqualTo("https://idp.example:8443/realms/a/token");
    assertThat(Redaction.endpoint("https://user:pw@idp.example/t")).isEqualTo("https://idp.example/t");
    assertThat(Redaction.endpoint("not a url?key=SECRET")).isEqualTo("not (<redacted>)");
    assertThat(Redaction.endpoint("https://bad host/x?key=SECRET")).doesNotContain("SECRET");
    assertThat(Redaction.endpoint("urn:issuer")).isEqualTo("urn:issuer");
  }

  @Test
  void commandsShowTheirProgramOnly() {
    assertThat(Redaction.program("vault read -field=token secret/db --token=hvs.SECRET")).isEqualTo("vault");
    assertThat(Redaction.program("/usr/local/bin/get-token\t--api-key\tSECRET")).isEqualTo("get-token");
    assertThat(Redaction.program("'/opt/my tools/get token' --password SECRET")).isEqualTo("get token");
    assertThat(Redaction.program("C:\\tools\\token.exe --secret SECRET")).isEqualTo("token.exe");
  }

  @Test
  void optionValuesArePrintedThroughOneRule() {
    assertThat(Redaction.option("jwt.clientSecret", "hunter2")).isEqualTo(Redaction.REDACTED);
    assertThat(Redaction.option("jwt.clientSecret", "env:ORDERS_SECRET")).isEqualTo("env:ORDERS_SECRET");
    assertThat(Redaction.option("jwt.tokenEndpoint", "https://idp/token?api_key=SECRET")).isEqualTo("https://idp/token");
    assertThat(Redaction.option("jwt.issuer", "https://idp/realms/a")).isEqualTo("https://idp/realms/a");
    assertThat(Redaction.option("jwt.audience", "https://a/x?k=SECRET, https://b/y"))
        .isEqualTo("https://a/x, https://b/y");
    assertThat(Redaction.option("jwt.command", "get-token --api-key SECRET")).isEqualTo("get-token");
    assertThat(Redaction.option("jwt.clientId", "orders")).isEqualTo("orders");
    assertThat(Redaction.option("jwt.unknownThing", "SECRET")).isEqualTo(Redaction.REDACTED);
  }
}
