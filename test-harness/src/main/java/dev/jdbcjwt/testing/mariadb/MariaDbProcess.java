package dev.jdbcjwt.testing.mariadb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running {@code mariadbd}: its command line, readiness wait, error log and stop. */
final class MariaDbProcess {

  /** Opens and closes a connection; throws while the server is not ready yet. */
  @FunctionalInterface
  interface Probe {
    void check(int port) throws SQLException;
  }

  /** What {@link #start} needs to know about the server's files. */
  record Config(Path dataDir, Path pluginDir, Path socket, Path errorLog, Path initFile,
                SelfSignedCertificate tls) {
  }

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final int port;
  private final Path errorLog;

  private MariaDbProcess(Process process, int port, Path errorLog) {
    this.process = process;
    this.port = port;
    this.errorLog = errorLog;
  }

  /**
   * Starts mariadbd on a free port of 127.0.0.1 and waits until {@code probe} succeeds. A port taken between choosing
   * and binding it is retried with another one.
   */
  static MariaDbProcess start(Path mariadbd, Config files, Probe probe, Duration timeout) throws IOException {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      MariaDbProcess server = launch(mariadbd, files, port);
      try {
        server.awaitReady(probe, timeout);
        return server;
      } catch (IllegalStateException e) {
        server.stop();
        if (attempt < 3 && server.errorLogTail(20).contains("Address already in use")) {
          continue;
        }
        throw e;
      }
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM (a clean shutdown), then SIGKILL if it takes longer than 20 seconds. */
  void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** The last {@code lines} lines of the server's error log (for failure messages). */
  String errorLogTail(int lines) {
    try {
      if (!Files.exists(errorLog)) {
        return "(no error log at " + errorLog + ")";
      }
      List<String> all = Files.readAllLines(errorLog, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + errorLog + ": " + e.getMessage() + ")";
    }
  }

  private static MariaDbProcess launch(Path mariadbd, Config f, int port) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        mariadbd.toString(),
        "--no-defaults",
        "--datadir=" + f.dataDir(),
        "--user=root",
        "--port=" + port,
        "--bind-address=127.0.0.1",
        "--socket=" + f.socket(),
        "--pid-file=" + f.dataDir().resolve("mariadbd.pid"),
        "--log-error=" + f.errorLog(),
        "--plugin-dir=" + f.pluginDir(),
        "--plugin-load-add=auth_pam",
        "--pam-use-cleartext-plugin=ON",
        "--ssl-cert=" + f.tls().certificate(),
        "--ssl-key=" + f.tls().privateKey(),
        "--init-file=" + f.initFile(),
        "--skip-name-resolve",
        "--skip-log-bin",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
        "--max-connections=500",
        "--max-connect-errors=1000000",
        "--innodb-buffer-pool-size=32M",
        "--innodb-flush-log-at-trx-commit=0",
        "--innodb-doublewrite=0",
        "--skip-innodb-buffer-pool-dump-at-shutdown",
        "--skip-innodb-buffer-pool-load-at-startup",
        "--performance-schema=OFF"));
    Process process = new ProcessBuilder(command)
        .directory(f.dataDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(f.errorLog().resolveSibling("mariadbd.out").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    return new MariaDbProcess(process, port, f.errorLog());
  }

  private void awaitReady(Probe probe, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mariadbd exited with status " + process.exitValue()
            + " during startup; error log:\n" + errorLogTail(30));
      }
      try {
        probe.check(port);
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for mariadbd", e);
      }
    }
    throw new IllegalStateException("mariadbd did not accept connections on 127.0.0.1:" + port + " within "
        + timeout.toSeconds() + " s (last error: " + (last == null ? "none" : last.getMessage())
        + "); error log:\n" + errorLogTail(30), last);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
