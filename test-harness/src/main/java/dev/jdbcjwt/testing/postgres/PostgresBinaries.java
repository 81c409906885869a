package dev.jdbcjwt.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The server binaries of Debian's PostgreSQL packages: {@code /usr/lib/postgresql/<newest>/bin}. The system
 * property {@value #BIN_DIR_PROPERTY} points elsewhere.
 */
record PostgresBinaries(Path binDir) {

  static final String BIN_DIR_PROPERTY = "jdbcjwt.postgres.bin";
  private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

  static PostgresBinaries locate() {
    String configured = System.getProperty(BIN_DIR_PROPERTY);
    Optional<Path> dir = configured != null ? Optional.of(Path.of(configured)).filter(PostgresBinaries::complete)
        : newestDebianBinDir();
    return dir.map(PostgresBinaries::new).orElseThrow(() -> new IllegalStateException(
        "PostgreSQL server binaries (initdb, postgres, pg_ctl) not found in "
            + (configured != null ? configured + " (system property " + BIN_DIR_PROPERTY + ")"
                : DEBIAN_ROOT + "/<version>/bin")
            + ". Install Debian's PostgreSQL server: apt-get install postgresql"));
  }

  Path initdb() {
    return binDir.resolve("initdb");
  }

  Path postgres() {
    return binDir.resolve("postgres");
  }

  Path pgCtl() {
    return binDir.resolve("pg_ctl");
  }

  private static Optional<Path> newestDebianBinDir() {
    if (!Files.isDirectory(DEBIAN_ROOT)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
      return versions
          .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
          .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .filter(PostgresBinaries::complete);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + DEBIAN_ROOT, e);
    }
  }

  private static boolean complete(Path bin) {
    return Stream.of("initdb", "postgres", "pg_ctl").allMatch(name -> Files.isExecutable(bin.resolve(name)));
  }
}
