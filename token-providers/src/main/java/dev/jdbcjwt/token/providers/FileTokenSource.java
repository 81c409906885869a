package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Reads a token from a file that is rotated in place (Kubernetes projected service-account tokens, Azure and AWS
 * web-identity token files). The file is parsed again only when its modification time, size or file key changed
 * (Kubernetes swaps a symlink, which changes the file key).
 */
final class FileTokenSource implements TokenSource {

  private record Loaded(FileStamp stamp, Token token) {
  }

  private final Path path;
  private final Clock clock;
  private volatile Loaded loaded;

  FileTokenSource(Path path, Clock clock) {
    this.path = path;
    this.clock = clock;
  }

  @Override
  public Token fetch() throws TokenException {
    FileStamp now = stamp();
    Loaded current = loaded;
    if (current != null && current.stamp.equals(now)) {
      return current.token;
    }
    String text = SecretReference.readFile(JwtOption.TOKEN_FILE.key(), path).strip();
    if (text.isEmpty()) {
      throw TokenException.unavailable(JwtOption.TOKEN_FILE.key() + ": file '" + path + "' is empty", null);
    }
    Token token;
    try {
      token = Token.fromJwtOrOpaque(text, clock.instant(), null);
    } catch (TokenException e) {
      throw TokenException.unavailable(JwtOption.TOKEN_FILE.key() + ": file '" + path + "': " + e.getMessage(), null);
    }
    loaded = new Loaded(now, token);
    return token;
  }

  private FileStamp stamp() throws TokenException {
    try {
      return FileStamp.of(path);
    } catch (java.nio.file.NoSuchFileException e) {
      throw TokenException.unavailable(JwtOption.TOKEN_FILE.key() + ": file '" + path + "' does not exist", null);
    } catch (IOException e) {
      throw TokenException.unavailable(JwtOption.TOKEN_FILE.key() + ": cannot read file '" + path + "' ("
          + e.getClass().getSimpleName() + ")", null);
    }
  }

  @Override
  public String toString() {
    return "FileTokenSource[" + Objects.toString(path) + "]";
  }
}
