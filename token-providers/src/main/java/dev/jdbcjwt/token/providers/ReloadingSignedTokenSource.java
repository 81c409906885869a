package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code signed} with {@code jwt.signingKey=file:…}: when the key file changes (key rotation), the next token is
 * signed with the new key and carries its key id; tokens already issued with the old key stay valid until they
 * expire, so a database that trusts both keys during the rotation sees no failure.
 */
final class ReloadingSignedTokenSource implements TokenSource {

  /** Builds the signing source for one version of the key. */
  @FunctionalInterface
  interface Factory {
    TokenSource create(Secret keyText) throws TokenException;
  }

  private record Loaded(FileStamp stamp, TokenSource source) {
  }

  private final Path path;
  private final Factory factory;
  private volatile Loaded loaded;

  ReloadingSignedTokenSource(Path path, Factory factory) throws TokenException {
    this.path = path;
    this.factory = factory;
    this.loaded = load(stamp());
  }

  @Override
  public Token fetch() throws TokenException {
    Loaded current = loaded;
    FileStamp now = stamp();
    if (!now.equals(current.stamp)) {
      synchronized (this) {
        current = loaded;
        if (!now.equals(current.stamp)) {
          try {
            current = load(now);
          } catch (TokenException e) {
            // a half-written file or a bad new key: keep the old key, let the cache retry with backoff
            throw TokenException.unavailable(e.getMessage() + " (the key file changed but cannot be used; tokens "
                + "already issued stay in use while this is retried)", null);
          }
          loaded = current;
        }
      }
    }
    return current.source.fetch();
  }

  private Loaded load(FileStamp stamp) throws TokenException {
    String text = SecretReference.readFile(JwtOption.SIGNING_KEY.key(), path);
    return new Loaded(stamp, factory.create(Secret.of(text)));
  }

  private FileStamp stamp() throws TokenException {
    try {
      return FileStamp.of(path);
    } catch (java.nio.file.NoSuchFileException e) {
      throw TokenException.configuration(JwtOption.SIGNING_KEY.key() + ": file '" + path + "' does not exist");
    } catch (IOException e) {
      throw TokenException.configuration(JwtOption.SIGNING_KEY.key() + ": file '" + path + "' cannot be read ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public String toString() {
    return "ReloadingSignedTokenSource[" + path + ", " + loaded.source + "]";
  }
}
