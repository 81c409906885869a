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

  /** True when {@code raw} is a reference rather than the literal secret. */
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

  /** Reads a whole file for {@code optionKey}, with a one-line error naming the option and the path. */
  public static String readFile(String optionKey, Path path) throws TokenException {
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
}
