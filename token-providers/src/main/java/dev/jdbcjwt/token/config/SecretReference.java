package dev.jdbcjwt.token.config;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Resolves the text of a secret-bearing option: {@code env:NAME} reads an environment variable, {@code file:/path}
 * reads a file, anything else is the secret itself. Error messages name the option, the variable or the path, never
 * the value.
 */
public final class SecretReference {

  static final String ENV = "env:";
  static final String FILE = "file:";

  private SecretReference() {
  }

  /**
   * The one answer to "is this a literal secret?": {@code key} is a {@link OptionType#SECRET} option and
   * {@code value} is the secret itself, not an {@code env:}/{@code file:} reference. Such values are warned about in
   * a URL and printed as {@code <redacted>} ({@code Redaction.option}); a reference is shown.
   *
   * @param key an option name
   * @param value its value
   * @return true for the literal value of a secret option
   */
  public static boolean isLiteralSecret(String key, String value) {
    return value != null && JwtOption.forKey(key).map(JwtOption::isSecret).orElse(false)
        && !isReference(value.strip());
  }

  /**
   * True when {@code raw} is a reference rather than the literal secret.
   *
   * @param raw an option value, stripped
   * @return true for {@code env:NAME} and {@code file:/path}
   */
  public static boolean isReference(String raw) {
    return raw.startsWith(ENV) || raw.startsWith(FILE);
  }

  static Secret resolve(String optionKey, String raw, UnaryOperator<String> environment) throws TokenException {
    if (raw.startsWith(ENV)) {
      String name = raw.substring(ENV.length());
      String value = environment.apply(name);
      if (value == null || value.isEmpty()) {
        throw TokenException.configuration(optionKey + " refers to environment variable '" + name
            + "', which is not set; set it or change " + optionKey);
      }
      return Secret.of(value.strip());
    }
    if (raw.startsWith(FILE)) {
      Path path = Path.of(raw.substring(FILE.length()));
      return Secret.of(readFile(optionKey, path).strip());
    }
    return Secret.of(raw);
  }

  private static final System.Logger LOG = System.getLogger("dev.jdbcjwt.token");
  /** Options whose files hold private keys: warned about once when other users may read them. */
  private static final java.util.Set<String> PRIVATE_KEY_OPTIONS = java.util.Set.of(JwtOption.SIGNING_KEY.key(),
      JwtOption.CLIENT_ASSERTION_KEY.key());
  private static final java.util.Set<Path> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Reads a whole file for {@code optionKey}, with a one-line error naming the option and the path; warns once when
   * a private key file is readable by other users.
   *
   * @param optionKey the option (or command-line flag) that names the file
   * @param path the file
   * @return its content (UTF-8)
   * @throws TokenException (configuration) when the file is missing or unreadable
   */
  public static String readFile(String optionKey, Path path) throws TokenException {
    if (PRIVATE_KEY_OPTIONS.contains(optionKey)) {
      warnIfOthersCanRead(optionKey, path);
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw TokenException.configuration(optionKey + ": file '" + path + "' does not exist");
    } catch (java.nio.file.AccessDeniedException e) {
      throw TokenException.configuration(optionKey + ": file '" + path + "' is not readable by this process");
    } catch (IOException e) {
      throw TokenException.configuration(optionKey + ": cannot read file '" + path + "' ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** True (and warned once per path) when a private key file is readable by its group or by everyone. */
  static boolean warnIfOthersCanRead(String optionKey, Path path) {
    try {
      java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      boolean open = perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
          || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
      if (open && WARNED.add(path.toAbsolutePath())) {
        LOG.log(System.Logger.Level.WARNING, "jdbc-jwt: {0}: the private key file ''{1}'' can be read by other users "
            + "({2}); restrict it, e.g. chmod 600", optionKey, path,
            java.nio.file.attribute.PosixFilePermissions.toString(perms));
      }
      return open;
    } catch (IOException | UnsupportedOperationException e) {
      return false; // missing files are reported by the read; non-POSIX file systems have no such bits
    }
  }
}
