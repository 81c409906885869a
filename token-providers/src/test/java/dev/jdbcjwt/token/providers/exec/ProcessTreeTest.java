package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static dev.jdbcjwt.token.providers.ProviderTesting.failure;
import static dev.jdbcjwt.token.providers.ProviderTesting.source;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: a command's background children never outlive the run, whether it returns or times out. */
@EnabledOnOs(OS.LINUX)
class ProcessTreeTest {

  private static final String OPAQUE = "opaque-token-from-a-command-with-children";

  @TempDir
  Path dir;

  private TokenSource exec(String script, String timeout) throws TokenException {
    return source("jwt.provider", "exec", "jwt.command", "/bin/sh -c '" + script + "'", "jwt.commandTimeout", timeout,
        "jwt.commandTokenLifetime", "5m");
  }

  private long childPid(Path pidFile) throws Exception {
    for (int i = 0; i < 100 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()); i++) {
      Thread.sleep(20); // the shell wrote it before printing; only a slow file system gets here
    }
    return Long.parseLong(Files.readString(pidFile).strip());
  }

  private static boolean alive(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    // a killed child whose new parent does not reap it lingers as a zombie: dead, but still listed
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static void awaitDeath(long pid) throws InterruptedException {
    for (int i = 0; i < 200 && alive(pid); i++) {
      Thread.sleep(10); // SIGKILL is delivered asynchronously
    }
  }

  @Test
  void aBackgroundChildIsKilledWhenTheCommandReturns() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    TokenSource source = exec("sleep 300 & echo $! > " + pidFile + "; echo " + OPAQUE, "20s");

    assertThat(source.fetch().value().reveal()).isEqualTo(OPAQUE);

    long child = childPid(pidFile);
    awaitDeath(child);
    assertThat(alive(child)).as("the background sleep").isFalse();
  }

  @Test
  void everyProcessOfTheRunIsKilledOnTimeout() throws Exception {
    Path pidFile = dir.resolve("timeout.pid");
    TokenSource source = exec("sleep 300 & echo $! > " + pidFile + "; sleep 300", "1s");

    TokenException e = failure(TokenException.Kind.UNAVAILABLE, source::fetch);

    assertThat(e.getMessage()).contains("did not finish within 1s", "jwt.commandTimeout");
    long child = childPid(pidFile);
    awaitDeath(child);
    assertThat(alive(child)).as("the background sleep").isFalse();
  }

  @Test
  void theCommandSeesTheEnvironmentAndTheRunMarker() throws Exception {
    String path = System.getenv("PATH");
    TokenSource source = exec("echo " + OPAQUE + "; echo \"$PATH\" > " + dir.resolve("path") + "; echo \"$"
        + ProcessTree.MARKER + "\" > " + dir.resolve("marker"), "20s");

    source.fetch();

    assertThat(Files.readString(dir.resolve("path")).strip()).isEqualTo(path);
    assertThat(Files.readString(dir.resolve("marker")).strip()).matches("[0-9a-f-]{36}");
  }
}
