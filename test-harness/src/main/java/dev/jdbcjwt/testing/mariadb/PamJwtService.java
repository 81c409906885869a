package dev.jdbcjwt.testing.mariadb;

import dev.jdbcjwt.testing.TrustPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PAM service that accepts a JWT as the password: the {@code pam_jwt.py} module and the trusted JWKS in the
 * server's private directory, and {@code /etc/pam.d/jdbcjwt-<random>} pointing pam_python at them. {@link #close()}
 * removes the pam.d file; the other files go with the private directory.
 */
final class PamJwtService implements AutoCloseable {

  static final String SERVICE_PREFIX = "jdbcjwt-";
  private static final String MODULE_RESOURCE = "pam_jwt.py";
  private static final Pattern MODULE_PATH = Pattern.compile("pam_python\\.so\\s+(\\S+)");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final Path configFile;
  private final Path log;

  private PamJwtService(String name, Path configFile, Path log) {
    this.name = name;
    this.configFile = configFile;
    this.log = log;
  }

  /** Writes the module, the JWKS (public keys only) and the pam.d file. */
  static PamJwtService install(MariaDbInstallation installation, Path dir, TrustPolicy policy) throws IOException {
    requirePamArgument("issuer", policy.issuer());
    requirePamArgument("audience", policy.audience());
    removeStale(installation.pamConfigDir);

    Path module = dir.resolve(MODULE_RESOURCE);
    try (InputStream in = PamJwtService.class.getResourceAsStream(MODULE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + MODULE_RESOURCE + " is missing from the test harness jar");
      }
      Files.copy(in, module);
    }
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, policy.publicKeys().toString(true), StandardCharsets.UTF_8);
    Path log = dir.resolve("pam-jwt.log");
    Files.createFile(log);

    String name = SERVICE_PREFIX + HexFormat.of().formatHex(randomBytes(6));
    Path configFile = installation.pamConfigDir.resolve(name);
    String config = "# jdbc-jwt test harness: MariaDB test server in " + dir + " (removed when it stops)\n"
        + "auth required " + installation.pamPython + " " + module
        + " jwks=" + jwks + " iss=" + policy.issuer() + " aud=" + policy.audience() + " log=" + log + "\n"
        + "account required pam_permit.so\n";
    Files.writeString(configFile, config, StandardCharsets.UTF_8);
    return new PamJwtService(name, configFile, log);
  }

  /** The service name for {@code IDENTIFIED VIA pam USING '<name>'}. */
  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** Every decision in {@link #log()}, oldest first. */
  List<PamDecision> decisions() {
    try {
      List<PamDecision> decisions = new ArrayList<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        PamDecision.parse(line).ifPresent(decisions::add);
      }
      return decisions;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(configFile);
  }

  /** Deletes pam.d files of this harness whose server directory is gone (a JVM that was killed). */
  static void removeStale(Path pamConfigDir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(pamConfigDir, SERVICE_PREFIX + "*")) {
      for (Path file : files) {
        Optional<Path> module = modulePath(file);
        if (module.isPresent() && !Files.exists(module.get())) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + pamConfigDir, e);
    }
  }

  private static Optional<Path> modulePath(Path configFile) throws IOException {
    List<String> lines = Files.readAllLines(configFile, StandardCharsets.UTF_8);
    for (String line : lines) {
      Matcher m = MODULE_PATH.matcher(line);
      if (m.find()) {
        return Optional.of(Path.of(m.group(1)));
      }
    }
    return Optional.empty();
  }

  private static void requirePamArgument(String what, String value) {
    if (value.isEmpty() || value.chars().anyMatch(c -> Character.isWhitespace(c) || c == '[' || c == ']')) {
      throw new IllegalArgumentException("the trust policy's " + what + " \"" + value + "\" cannot be passed as a"
          + " PAM module argument (it must be non-empty, without whitespace or brackets)");
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
