package dev.jdbcjwt.testing.mariadb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the programs a private JWT-validating MariaDB server needs, and says which Debian packages to install when
 * something is missing. Checked once per server start (about 0.1 s, mostly the Python import check).
 */
final class MariaDbInstallation {

  /** System property naming an {@code auth_pam_tool} binary to use when the one of mariadb-server is missing. */
  static final String AUTH_PAM_TOOL_PROPERTY = "jdbcjwt.mariadb.authPamTool";
  /** Environment variable with the same meaning as {@link #AUTH_PAM_TOOL_PROPERTY}. */
  static final String AUTH_PAM_TOOL_ENV = "JDBCJWT_MARIADB_AUTH_PAM_TOOL";
  /** Every Debian package the MariaDB test server needs. */
  static final String PACKAGES = "mariadb-server libpam-python python3-jwt python3-cryptography openssl";

  private static final String TOOL = "auth_pam_tool_dir/auth_pam_tool";
  private static final String PYTHON_CHECK = String.join("\n",
      "import sys",
      "try:",
      "    import jwt, jwt.algorithms",
      "except ImportError:",
      "    sys.exit(3)",
      "sys.exit(0 if jwt.algorithms.has_crypto else 4)");

  /** Where to look. {@link #debian()} is the real layout; tests pass others. */
  record Layout(List<Path> binDirs, List<Path> pluginDirs, List<Path> pamModuleDirs, Path python,
                Path pamConfigDir, Optional<Path> authPamToolOverride) {

    static Layout debian() {
      String override = System.getProperty(AUTH_PAM_TOOL_PROPERTY, System.getenv(AUTH_PAM_TOOL_ENV));
      return new Layout(
          List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
              Path.of("/sbin"), Path.of("/bin")),
          List.of(Path.of("/usr/lib/mysql/plugin"), Path.of("/usr/lib64/mysql/plugin"),
              Path.of("/usr/lib/mariadb/plugin"), Path.of("/usr/lib64/mariadb/plugin")),
          List.of(Path.of("/lib/security"), Path.of("/usr/lib/security"),
              Path.of("/lib/x86_64-linux-gnu/security"), Path.of("/usr/lib/x86_64-linux-gnu/security"),
              Path.of("/lib/aarch64-linux-gnu/security"), Path.of("/usr/lib/aarch64-linux-gnu/security"),
              Path.of("/lib64/security")),
          Path.of("/usr/bin/python3"),
          Path.of("/etc/pam.d"),
          Optional.ofNullable(override).filter(s -> !s.isBlank()).map(Path::of));
    }
  }

  private static volatile MariaDbInstallation cached;

  final Path mariadbd;
  final Path installDb;
  final Path openssl;
  final Path pamPython;
  final Path pamConfigDir;
  private final Path systemPluginDir;
  private final Path authPamTool;

  private MariaDbInstallation(Path mariadbd, Path installDb, Path openssl, Path pamPython, Path pamConfigDir,
                              Path systemPluginDir, Path authPamTool) {
    this.mariadbd = mariadbd;
    this.installDb = installDb;
    this.openssl = openssl;
    this.pamPython = pamPython;
    this.pamConfigDir = pamConfigDir;
    this.systemPluginDir = systemPluginDir;
    this.authPamTool = authPamTool;
  }

  /** The real installation (checked once per JVM once it passed). */
  static MariaDbInstallation locate() {
    MariaDbInstallation found = cached;
    if (found == null) {
      found = locate(Layout.debian());
      cached = found;
    }
    return found;
  }

  /** @throws MariaDbUnavailableException naming everything that is missing */
  static MariaDbInstallation locate(Layout layout) {
    List<String> problems = new ArrayList<>();
    Set<String> packages = new LinkedHashSet<>();

    Path mariadbd = find(layout.binDirs(), "mariadbd");
    Path installDb = find(layout.binDirs(), "mariadb-install-db");
    if (mariadbd == null || installDb == null) {
      problems.add("mariadbd / mariadb-install-db not found in " + layout.binDirs());
      packages.add("mariadb-server");
    }
    Path pluginDir = layout.pluginDirs().stream()
        .filter(d -> Files.isRegularFile(d.resolve("auth_pam.so"))).findFirst().orElse(null);
    Path tool = authPamTool(layout, pluginDir, problems, packages);
    Path pamPython = find(layout.pamModuleDirs(), "pam_python.so");
    if (pamPython == null) {
      problems.add("pam_python.so not found in " + layout.pamModuleDirs());
      packages.add("libpam-python");
    }
    checkPython(layout.python(), problems, packages);
    Path openssl = find(layout.binDirs(), "openssl");
    if (openssl == null) {
      problems.add("openssl not found in " + layout.binDirs());
      packages.add("openssl");
    }
    if (!Files.isDirectory(layout.pamConfigDir()) || !Files.isWritable(layout.pamConfigDir())) {
      problems.add(layout.pamConfigDir() + " is not a writable directory: the MariaDB test server adds a PAM"
          + " service there, so the tests must run as root");
    }
    if (!problems.isEmpty()) {
      throw unavailable(problems, packages);
    }
    return new MariaDbInstallation(mariadbd, installDb, openssl, pamPython, layout.pamConfigDir(), pluginDir, tool);
  }

  /**
   * MariaDB's PAM helper: the one beside auth_pam.so in {@code pluginDir}, else the override of the layout; null (and
   * the problem noted) if there is none, or no {@code pluginDir}.
   */
  private static Path authPamTool(Layout layout, Path pluginDir, List<String> problems, Set<String> packages) {
    if (pluginDir == null) {
      problems.add("MariaDB's auth_pam.so plugin not found in " + layout.pluginDirs());
      packages.add("mariadb-server");
      return null;
    }
    if (Files.isExecutable(pluginDir.resolve(TOOL))) {
      return pluginDir.resolve(TOOL);
    }
    if (layout.authPamToolOverride().isPresent()) {
      Path tool = layout.authPamToolOverride().get();
      if (Files.isExecutable(tool)) {
        return tool;
      }
      problems.add(AUTH_PAM_TOOL_PROPERTY + " / " + AUTH_PAM_TOOL_ENV + " names " + tool
          + ", which is not an executable file");
      return null;
    }
    problems.add("MariaDB's PAM helper " + pluginDir.resolve(TOOL) + " is missing although auth_pam.so is"
        + " there (an incomplete mariadb-server install: run apt-get install --reinstall mariadb-server, or"
        + " point -D" + AUTH_PAM_TOOL_PROPERTY + "=<file> or " + AUTH_PAM_TOOL_ENV + " at a copy of"
        + " auth_pam_tool from the same MariaDB version). PAM cannot run inside the server instead"
        + " (auth_pam_v1): pam_python is not thread-safe and concurrent logins crash it");
    return null;
  }

  /** The exception naming every problem, the missing packages, and all the packages the server needs. */
  private static MariaDbUnavailableException unavailable(List<String> problems, Set<String> packages) {
    StringBuilder message = new StringBuilder("Cannot start a private MariaDB test server:");
    problems.forEach(p -> message.append("\n  - ").append(p));
    if (!packages.isEmpty()) {
      message.append("\nInstall the missing Debian packages: apt-get install -y ").append(String.join(" ", packages));
    }
    message.append("\n(All it needs: apt-get install -y ").append(PACKAGES).append(")");
    return new MariaDbUnavailableException(message.toString());
  }

  /**
   * The plugin directory for mariadbd: the system one when it holds auth_pam_tool, otherwise a directory below
   * {@code serverDir} that links the system's auth_pam.so and the separately supplied tool.
   */
  Path pluginDir(Path serverDir) throws IOException {
    if (authPamTool.equals(systemPluginDir.resolve(TOOL))) {
      return systemPluginDir;
    }
    Path dir = serverDir.resolve("plugin");
    Files.createDirectories(dir.resolve(TOOL).getParent());
    Files.createSymbolicLink(dir.resolve("auth_pam.so"), systemPluginDir.resolve("auth_pam.so"));
    Files.createSymbolicLink(dir.resolve(TOOL), authPamTool.toAbsolutePath());
    return dir;
  }

  private static void checkPython(Path python, List<String> problems, Set<String> packages) {
    if (!Files.isExecutable(python)) {
      problems.add(python + " not found (pam_python embeds the system Python 3)");
      packages.add("python3-jwt");
      packages.add("python3-cryptography");
      return;
    }
    Commands.Result result = Commands.run(Path.of(System.getProperty("java.io.tmpdir")), Duration.ofSeconds(30),
        List.of(python.toString(), "-I", "-c", PYTHON_CHECK));
    if (result.exitCode() == 3) {
      problems.add(python + " cannot import jwt (PyJWT)");
      packages.add("python3-jwt");
    } else if (result.exitCode() == 4) {
      problems.add(python + " has PyJWT without cryptography (no RS256/ES256 support)");
      packages.add("python3-cryptography");
    } else if (!result.ok()) {
      problems.add(python + " failed to check for PyJWT (exit " + result.exitCode() + "): " + result.output());
    }
  }

  private static Path find(List<Path> dirs, String name) {
    return dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst()
        .or(() -> dirs.stream().map(d -> d.resolve(name)).filter(Files::isRegularFile).findFirst())
        .orElse(null);
  }
}
