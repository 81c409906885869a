package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static dev.jdbcjwt.token.providers.ProviderTesting.NOW;
import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.jwt;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs small sh scripts as the token command. */
@DisabledOnOs(OS.WINDOWS)
class ExecProviderTest {

  private static final String OPAQUE = "ya29.a0AfB_byC0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

  @TempDir
  Path dir;
  private int scripts;

  @BeforeEach
  void reset() {
    scripts = 0;
  }

  /** Writes an executable sh script with {@code body}; returns its path. */
  private String script(String body) throws Exception {
    Path file = dir.resolve("token-command-" + ++scripts + ".sh");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file.toString();
  }

  private TokenSource exec(String command, String... more) throws TokenException {
    String[] base = {"jwt.provider", "exec", "jwt.command", command};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return source(all);
  }

  @Test
  void aRawJwtCarriesItsOwnExpiry() throws Exception {
    String token = jwt("app", NOW.plusSeconds(1800));
    Token t = exec(script("echo '" + token + "'")).fetch();
    assertThat(t.value().reveal()).isEqualTo(token);
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(1800));
  }

  @Test
  void aRawOpaqueTokenLivesAsLongAsConfigured() throws Exception {
    String gcloud = script("printf '%s\\n' '" + OPAQUE + "'");
    Token t = exec(gcloud, "jwt.commandTokenLifetime", "1h").fetch();
    assertThat(t.value().reveal()).isEqualTo(OPAQUE);
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(exec(gcloud).fetch().hasKnownExpiry()).isFalse();
  }

  @Test
  void argumentsArriveSplitButUnexpanded() throws Exception {
    String echoArgs = script("printf '%s|' \"$@\" >&2; exit 3");
    TokenException e = failure(TokenException.Kind.UNAVAILABLE,
        () -> exec(echoArgs + " 'a b' \"$HOME\" *").fetch());
    assertThat(e.getMessage()).contains("a b|$HOME|*|");
  }

  @Test
  void azureCliJsonWithEpochExpiresOn() throws Exception {
    long expiresOn = NOW.plusSeconds(2400).getEpochSecond();
    Token t = exec(script("cat <<'EOF'\n{\n  \"accessToken\": \"" + OPAQUE + "\",\n  \"expiresOn\": "
        + "\"2026-03-01 12:40:00.000000\",\n  \"expires_on\": " + expiresOn + ",\n  \"subscription\": \"x\",\n"
        + "  \"tenant\": \"y\",\n  \"tokenType\": \"Bearer\"\n}\nEOF")).fetch();
    assertThat(t.value().reveal()).isEqualTo(OPAQUE);
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(2400));
  }

  @Test
  void olderAzureCliJsonWithLocalTimeExpiresOn() throws Exception {
    String local = LocalDateTime.ofInstant(NOW.plusSeconds(3000), ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS"));
    Token t = exec(script("echo '{\"accessToken\": \"" + OPAQUE + "\", \"expiresOn\": \"" + local + "\"}'"))
        .fetch();
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3000));
  }

  @Test
  void oauthStyleAndKubernetesExecCredentialJson() throws Exception {
    Token oauth = exec(script("echo '{\"access_token\":\"" + OPAQUE + "\",\"expires_in\":599}'")).fetch();
    assertThat(oauth.expiresAt()).isEqualTo(NOW.plusSeconds(599));

    Token k8s = exec(script("echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
        + "\"status\":{\"token\":\"" + OPAQUE + "\",\"expirationTimestamp\":\"2026-03-01T13:00:00Z\"}}'")).fetch();
    assertThat(k8s.value().reveal()).isEqualTo(OPAQUE);
    assertThat(k8s.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
  }

  @Test
  void aFailingCommandReportsItsStatusAndRedactedStderr() throws Exception {
    String token = jwt("leaked", NOW.plusSeconds(60));
    String failing = script("echo 'ERROR: AADSTS700024: client assertion is not within its valid time range.' >&2\n"
        + "echo 'token=" + OPAQUE + " client_secret: hunter2hunter2 " + token + "' >&2\nexit 1");

    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> exec(failing + " --password hunter2hunter2")
        .fetch());

    assertThat(e.getMessage())
        .startsWith("jwt.command 'token-command-1.sh' exited with status 1; stderr: ERROR: AADSTS700024")
        .contains("token=<redacted>", "client_secret: <redacted>", "run it by hand")
        .doesNotContain(OPAQUE, token, "hunter2", dir.toString());
  }

  @Test
  void stderrInTheMessageIsBounded() throws Exception {
    String noisy = script("i=0; while [ $i -lt 2000 ]; do echo \"line $i of a long complaint\" >&2; i=$((i+1)); "
        + "done; exit 2");
    TokenException e = failure(TokenException.Kind.UNAVAILABLE, () -> exec(noisy).fetch());
    assertThat(e.getMessage()).contains("status 2", "line 0 of").hasSizeLessThan(700);
  }

  @Test
  void aHangingCommandIsKilledAtTheTimeout() throws Exception {
    String hanging = script("sleep 30 &\nwait");
    long start = System.nanoTime();
    TokenException e = failure(TokenException.Kind.UNAVAILABLE,
        () -> exec(hanging, "jwt.commandTimeout", "300ms").fetch());
    assertThat(e.getMessage()).contains("did not finish within 300ms", "jwt.commandTimeout", "was killed");
    assertThat(System.nanoTime() - start).as("returned well before the command would end")
        .isLessThan(20_000_000_000L);
  }

  @Test
  void unusableOutputIsUnavailable() throws Exception {
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> exec(script("true")).fetch()).getMessage())
        .contains("printed nothing");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> exec(script("echo Please log in first")).fetch())
        .getMessage()).contains("more than one word");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> exec(script("echo '{\"tokenType\":\"Bearer\"}'"))
        .fetch()).getMessage()).contains("JSON without a token field");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> exec(script("echo '{not json'")).fetch())
        .getMessage()).contains("not a JSON object");
    assertThat(failure(TokenException.Kind.UNAVAILABLE, () -> exec(script("head -c 1100000 /dev/zero | tr '\\0' a"))
        .fetch()).getMessage()).contains("printed more than 1024 KiB");
  }

  @Test
  void configurationMistakes() throws Exception {
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> source("jwt.provider", "exec")).getMessage())
        .startsWith("jwt.command is required by jwt.provider=exec");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> exec(dir.resolve("missing-tool").toString())
        .fetch()).getMessage()).contains("cannot start", "missing-tool", "PATH");
    assertThat(failure(TokenException.Kind.CONFIGURATION, () -> exec("tool", "jwt.commandTimeout", "0s"))
        .getMessage()).contains("jwt.commandTimeout must be more than 0");
  }
}
