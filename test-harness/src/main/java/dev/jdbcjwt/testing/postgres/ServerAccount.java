package dev.jdbcjwt.testing.postgres;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The OS account the server runs as. PostgreSQL refuses to run as root, so under root commands run as the
 * {@code postgres} account (through {@code runuser}) and the server's files are handed to it; otherwise
 * commands run as the current user.
 */
final class ServerAccount {

  private static final String POSTGRES_ACCOUNT = "postgres";

  private final boolean switchUser;

  private ServerAccount(boolean switchUser) {
    this.switchUser = switchUser;
  }

  static ServerAccount detect() {
    return new ServerAccount(new UnixSystem().getUid() == 0);
  }

  /** Runs commands as the current user (for tools such as tar and gcc). */
  static ServerAccount asCurrentUser() {
    return new ServerAccount(false);
  }

  /** {@code command}, run as the server account. */
  List<String> command(List<String> command) {
    if (!switchUser) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", POSTGRES_ACCOUNT, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Makes {@code path} and everything below it belong to the server account. */
  void own(Path path) {
    if (!switchUser) {
      return;
    }
    try {
      UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
      UserPrincipal user = lookup.lookupPrincipalByName(POSTGRES_ACCOUNT);
      GroupPrincipal group = lookup.lookupPrincipalByGroupName(POSTGRES_ACCOUNT);
      try (Stream<Path> all = Files.walk(path)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
          view.setOwner(user);
          view.setGroup(group);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot give " + path + " to the OS account '" + POSTGRES_ACCOUNT
          + "' (PostgreSQL refuses to run as root; Debian's postgresql package creates that account)", e);
    }
  }

  /** Runs {@code command} as the server account and returns its output; fails with that output otherwise. */
  String run(List<String> command, Duration timeout) {
    List<String> full = command(command);
    try {
      Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
      process.getOutputStream().close();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeout + ": " + String.join(" ", full));
      }
      String text = output.join();
      if (process.exitValue() != 0) {
        throw new IllegalStateException("exit code " + process.exitValue() + " from " + String.join(" ", full)
            + "\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", full), e);
    }
  }

  private static String readAll(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }
}
