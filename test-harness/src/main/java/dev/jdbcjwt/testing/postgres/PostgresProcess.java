package dev.jdbcjwt.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** One running {@code postgres} on 127.0.0.1: launched in the foreground, probed until ready, stopped fast. */
final class PostgresProcess {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final long PROBE_INTERVAL_MILLIS = 20;
  private static final int LOG_TAIL_LINES = 40;

  private final Process process;
  private final ServerAccount account;
  private final PostgresBinaries binaries;
  private final DataDirectory dir;

  private PostgresProcess(Process process, ServerAccount account, PostgresBinaries binaries, DataDirectory dir) {
    this.process = process;
    this.account = account;
    this.binaries = binaries;
    this.dir = dir;
  }

  static PostgresProcess launch(ServerAccount account, PostgresBinaries binaries, DataDirectory dir, int port) {
    return launch(account, binaries, dir, port, List.of());
  }

  /** Launches with {@code extraSettings} ({@code name=value}) after the usual ones. */
  static PostgresProcess launch(ServerAccount account, PostgresBinaries binaries, DataDirectory dir, int port,
      List<String> extraSettings) {
    List<String> command = new ArrayList<>(List.of(binaries.postgres().toString(), "-D", dir.data().toString()));
    for (String setting : List.of(
        "listen_addresses=127.0.0.1",
        "port=" + port,
        "unix_socket_directories=" + dir.socketDirectory(),
        "fsync=off",
        "synchronous_commit=off",
        "full_page_writes=off",
        "wal_level=minimal",
        "max_wal_senders=0",
        "shared_buffers=16MB",
        "autovacuum=off",
        "jit=off",
        "logging_collector=off")) {
      command.add("-c");
      command.add(setting);
    }
    for (String setting : extraSettings) {
      command.add("-c");
      command.add(setting);
    }
    try {
      Process process = new ProcessBuilder(account.command(command))
          .redirectErrorStream(true)
          .redirectOutput(dir.log().toFile())
          .start();
      process.getOutputStream().close();
      return new PostgresProcess(process, account, binaries, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binaries.postgres(), e);
    }
  }

  /** A connection attempt that succeeds once the server accepts logins. */
  interface Probe {
    Connection connect(Properties properties) throws SQLException;
  }

  /**
   * Waits until {@code probe} connects. Returns false when the server exited because its port was taken (the
   * caller may retry on another port); throws with the log tail on any other failure or after the timeout.
   */
  boolean awaitReady(Probe probe) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Properties properties = new Properties();
    properties.setProperty("connectTimeout", "2");
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        if (portTaken()) {
          return false;
        }
        throw failure("PostgreSQL exited with code " + process.exitValue() + " during startup", null);
      }
      try {
        probe.connect(properties).close();
        return true;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(PROBE_INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for PostgreSQL to start", e);
      }
    }
    throw failure("PostgreSQL did not accept connections within " + READY_TIMEOUT.toSeconds() + " s", last);
  }

  private boolean portTaken() {
    String log = dir.logTail(LOG_TAIL_LINES);
    return log.contains("could not bind") || log.contains("Address already in use");
  }

  IllegalStateException failure(String what, Exception cause) {
    return new IllegalStateException(what + " (data directory " + dir.data() + "). Server log tail:\n"
        + dir.logTail(LOG_TAIL_LINES), cause);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Immediate shutdown (no checkpoint: the data is thrown away anyway); kills the process if that fails. */
  void stop() {
    stop("immediate");
  }

  /**
   * Shuts down with pg_ctl's {@code mode} ({@code fast}: sessions are disconnected, a checkpoint is written, as a
   * database restart does; {@code immediate}: as a crash); kills the process if that fails.
   */
  void stop(String mode) {
    if (!process.isAlive()) {
      return;
    }
    try {
      account.run(List.of(binaries.pgCtl().toString(), "stop", "-D", dir.data().toString(), "-m", mode,
          "-w", "-t", String.valueOf(STOP_TIMEOUT.toSeconds())), STOP_TIMEOUT.plusSeconds(5));
    } catch (RuntimeException e) {
      // fall through to the kill below
    }
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
