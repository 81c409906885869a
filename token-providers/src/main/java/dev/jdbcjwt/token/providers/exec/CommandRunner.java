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
 * Runs a command directly (no shell) with a time limit, reading its stdout and stderr concurrently and bounded. When
 * the command returns or times out, every process it started is killed ({@link ProcessTree}): a background child
 * never outlives the run. The command inherits the JVM's whole environment (cloud CLIs need their variables; see
 * docs/providers.md), plus one marker variable. Thread-safe: each call runs its own process.
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

  /** How often the running command's descendants are looked at. */
  private static final long WATCH_MILLIS = 50;

  Result run() throws TokenException {
    Process process;
    ProcessTree tree = new ProcessTree();
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      tree.mark(builder);
      process = builder.start();
    } catch (IOException e) {
      throw TokenException.configuration(JwtOption.COMMAND.key() + ": cannot start '" + command.get(0) + "' ("
          + e.getClass().getSimpleName() + "); check that the program exists, is executable and is on the PATH");
    }
    BoundedReader out = new BoundedReader(process.getInputStream(), MAX_STDOUT, "stdout");
    BoundedReader err = new BoundedReader(process.getErrorStream(), MAX_STDERR, "stderr");
    out.start();
    err.start();
    try {
      boolean exited = waitWatching(process, tree);
      tree.killAll(process); // its children too, whether it returned or not
      if (!exited) {
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
      tree.killAll(process);
      Thread.currentThread().interrupt();
      throw TokenException.unavailable(JwtOption.COMMAND.key() + " '" + program() + "' was interrupted", e);
    } finally {
      if (process.isAlive()) {
        tree.killAll(process);
      }
    }
  }

  /** Waits up to the timeout for the command to exit, noting its descendants meanwhile; true if it exited. */
  private boolean waitWatching(Process process, ProcessTree tree) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      tree.observe(process);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return !process.isAlive();
      }
      if (process.waitFor(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, WATCH_MILLIS), TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
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
