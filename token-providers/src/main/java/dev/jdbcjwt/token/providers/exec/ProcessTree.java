package dev.jdbcjwt.token.providers.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The processes one command run started, so that all of them end when the command returns or times out: its
 * descendants as seen while it ran, and, on Linux, every process that still carries this run's marker variable in
 * its environment (a background child such as {@code sh -c 'helper & echo token'} is re-parented when the command
 * exits, so it is no descendant any more, but it keeps the environment it inherited).
 */
final class ProcessTree {

  /** The environment variable that marks the processes of one run; its value is random and says nothing else. */
  static final String MARKER = "JDBC_JWT_EXEC_RUN";
  private static final Path PROC = Path.of("/proc");

  private final String marker = MARKER + "=" + UUID.randomUUID();
  private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();

  /** Adds this run's marker to the environment of the process about to start. */
  void mark(ProcessBuilder builder) {
    builder.environment().put(MARKER, marker.substring(MARKER.length() + 1));
  }

  /** Remembers the descendants {@code process} has now (called while it runs). */
  void observe(Process process) {
    process.descendants().forEach(h -> seen.putIfAbsent(h.pid(), h));
  }

  /**
   * Kills {@code process} and every process of this run that is still alive. A handle checks the start time of its
   * process, so a reused process id is never hit.
   */
  void killAll(Process process) {
    observe(process);
    // through the handle: Process.destroyForcibly() also closes the pipes, and output the readers had not drained yet
    // (a command that printed its token and exited a moment ago) would be lost
    process.toHandle().destroyForcibly();
    seen.values().forEach(ProcessHandle::destroyForcibly);
    for (long pid : markedPids()) {
      ProcessHandle.of(pid).filter(h -> h.pid() != ProcessHandle.current().pid())
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Ids of live processes whose environment carries this run's marker (Linux; elsewhere none). */
  Set<Long> markedPids() {
    if (!Files.isDirectory(PROC)) {
      return Set.of();
    }
    Set<Long> pids = ConcurrentHashMap.newKeySet();
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
      for (Path entry : entries) {
        if (carries(entry.resolve("environ"), needle)) {
          pids.add(Long.parseLong(entry.getFileName().toString()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // /proc not readable here: the descendants seen while the command ran are all we can end
    }
    return pids;
  }

  private static boolean carries(Path environ, byte[] needle) {
    byte[] env;
    try {
      env = Files.readAllBytes(environ);
    } catch (IOException | RuntimeException e) {
      return false; // another user's process, or gone already
    }
    outer:
    for (int i = 0; i + needle.length <= env.length; i++) {
      if (i > 0 && env[i - 1] != 0) {
        continue; // variables start after a NUL
      }
      for (int j = 0; j < needle.length; j++) {
        if (env[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i + needle.length == env.length || env[i + needle.length] == 0;
    }
    return false;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  /** For tests: whether any process of this run is alive. */
  boolean anyAlive() {
    return Stream.concat(seen.values().stream(), markedPids().stream().map(ProcessHandle::of)
        .flatMap(java.util.Optional::stream)).anyMatch(ProcessHandle::isAlive);
  }
}
