package dev.jdbcjwt.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private server's files in one temporary directory: {@code data/} (made by initdb), the unix socket and
 * {@code server.log}. Belongs to the server account.
 */
final class DataDirectory {

  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(60);

  private final Path base;
  private final ServerAccount account;

  private DataDirectory(Path base, ServerAccount account) {
    this.base = base;
    this.account = account;
  }

  /** A fresh temporary directory with an initialized cluster whose superuser is {@code adminUser} (trust). */
  static DataDirectory initialize(ServerAccount account, PostgresBinaries binaries, String adminUser) {
    DataDirectory dir = new DataDirectory(createBase(), account);
    try {
      account.own(dir.base);
      account.run(List.of(binaries.initdb().toString(), "-D", dir.data().toString(), "-U", adminUser,
          "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), INITDB_TIMEOUT);
      return dir;
    } catch (RuntimeException e) {
      dir.delete();
      throw new IllegalStateException("initdb failed in " + dir.base + ": " + e.getMessage(), e);
    }
  }

  private static Path createBase() {
    // short and reachable by the postgres account: the unix socket path is limited to ~107 bytes
    Path parent = Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp") : Path.of(System.getProperty("java.io.tmpdir"));
    try {
      return Files.createTempDirectory(parent, "jdbcjwt-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory in " + parent, e);
    }
  }

  Path base() {
    return base;
  }

  Path data() {
    return base.resolve("data");
  }

  Path socketDirectory() {
    return base;
  }

  Path log() {
    return base.resolve("server.log");
  }

  void writeHba(String rules) {
    Path hba = data().resolve("pg_hba.conf");
    try {
      Files.writeString(hba, rules, StandardCharsets.UTF_8);
      account.own(hba);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + hba, e);
    }
  }

  /** The last {@code lines} lines of the server log, or a note why there are none. */
  String logTail(int lines) {
    try {
      if (!Files.exists(log())) {
        return "(no server log at " + log() + ")";
      }
      List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(server log unreadable: " + e.getMessage() + ")";
    }
  }

  void delete() {
    if (!Files.exists(base)) {
      return;
    }
    try (Stream<Path> all = Files.walk(base)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + base, e);
    }
  }
}
