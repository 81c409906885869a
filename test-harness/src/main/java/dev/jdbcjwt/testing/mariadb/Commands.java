package dev.jdbcjwt.testing.mariadb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short helper program (openssl, mariadb-install-db, python3) to completion and keeps its output. */
final class Commands {

  /** Exit status and the tail of the combined stdout/stderr. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Commands() {
  }

  /**
   * Runs {@code command} in {@code workDir}; output goes through a temporary file, so a chatty program cannot block
   * on a full pipe. A program still running after {@code timeout} is killed and reported as exit code -1.
   */
  static Result run(Path workDir, Duration timeout, List<String> command) {
    Path output = null;
    try {
      output = Files.createTempFile(workDir, "command-", ".out");
      Process process = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String text = tail(Files.readString(output, StandardCharsets.UTF_8), 4000);
      return new Result(finished ? process.exitValue() : -1,
          finished ? text : text + "\n(killed after " + timeout.toSeconds() + " s)");
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted while running " + command.get(0));
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // the directory is deleted with the server
        }
      }
    }
  }

  static String tail(String text, int maxChars) {
    return text.length() <= maxChars ? text.strip() : "..." + text.substring(text.length() - maxChars).strip();
  }
}
