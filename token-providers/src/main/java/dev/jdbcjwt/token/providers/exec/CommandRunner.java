package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command directly (no shell) with a time limit, reading its stdout and stderr concurrently and bounded. On
 * timeout the command and its child processes are killed. Thread-safe: each call runs its own process.
 */
final class CommandRunner {

  /** What the command left behind. */
  record Result(int exitCode, String stdout, String stderr) {
  }

  static final int MAX_STDOUT = 1 << 20;
  static final int MAX_STDERR = 64 * 1024;

  private final List<String> command;
  private final Duration timeout;

  CommandRunner(List<String> command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  /** The program's file name: the only part of the command put into messages (arguments may carry secrets). */
  String program() {
    Path name = Path.of(command.get(0)).getFileName();
    return name == null ? command.get(0) : name.toString();
  }

  Result run() throws TokenException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
    } catch (IOException e) {
      throw TokenException.configuration(JwtOption.COMMAND.key() + ": cannot start '" + command.get(0) + "' ("
          + e.getClass().getSimpleName() + "); check that the program exists, is executable and is on the PATH");
    }
    BoundedReader out = new BoundedReader(process.getInputStream(), MAX_STDOUT, "stdout");
    BoundedReader err = new BoundedReader(process.getErrorStream(), MAX_STDERR, "stderr");
    out.start();
    err.start();
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        kill(process);
        throw TokenException.unavailable(JwtOption.COMMAND.key() + " '" + program() + "' did not finish within "
            + Durations.format(timeout) + " (" + JwtOption.COMMAND_TIMEOUT.key() + ") and was killed; check that it "
            + "runs without asking for input, or raise " + JwtOption.COMMAND_TIMEOUT.key(), null);
      }
      out.join(timeout.toMillis());
      err.join(1000);
      if (out.overflowed()) {
        throw TokenException.unavailable(JwtOption.COMMAND.key() + " '" + program() + "' printed more than "
            + MAX_STDOUT / 1024 + " KiB; it should print one token", null);
      }
      return new Result(process.exitValue(), out.text(), err.text());
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw TokenException.unavailable(JwtOption.COMMAND.key() + " '" + program() + "' was interrupted", e);
    } finally {
      if (process.isAlive()) {
        kill(process);
      }
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** Drains one stream into memory up to a limit, then discards the rest so the command never blocks on a pipe. */
  private static final class BoundedReader extends Thread {
    private final InputStream in;
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean overflowed;

    BoundedReader(InputStream in, int limit, String name) {
      super("jdbc-jwt-exec-" + name);
      setDaemon(true);
      this.in = in;
      this.limit = limit;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (InputStream stream = in) {
        int n;
        while ((n = stream.read(buffer)) > 0) {
          synchronized (bytes) {
            int room = limit - bytes.size();
            if (n > room) {
              overflowed = true;
            }
            bytes.write(buffer, 0, Math.max(0, Math.min(n, room)));
          }
        }
      } catch (IOException e) {
        // the process was killed or closed the stream: keep what was read
      }
    }

    boolean overflowed() {
      return overflowed;
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
