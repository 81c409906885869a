package dev.jdbcjwt.token.providers.oauth;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;
import dev.jdbcjwt.token.config.TokenConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Where the token to exchange (or the assertion to present) comes from: a file read at every request (rotated
 * Kubernetes projected tokens), or another provider's token source.
 */
final class SubjectTokens {

  /** A credential read at each request. */
  @FunctionalInterface
  interface Supplier extends AutoCloseable {
    Secret get() throws TokenException;

    @Override
    default void close() {
    }
  }

  private SubjectTokens() {
  }

  /** The whole file, stripped, read at every call; a missing or empty file is UNAVAILABLE (it may be rotating). */
  static Supplier file(JwtOption option, Path path) {
    return () -> {
      String text;
      try {
        text = SecretReference.readFile(option.key(), path).strip();
      } catch (TokenException e) {
        throw TokenException.unavailable(e.getMessage(), null);
      }
      if (text.isEmpty()) {
        throw TokenException.unavailable(option.key() + ": file '" + path + "' is empty", null);
      }
      return Secret.of(text);
    };
  }

  /** jwt.subjectTokenFile or jwt.subjectTokenProvider; exactly one. */
  static Supplier forExchange(TokenConfig config, Clock clock) throws TokenException {
    Optional<Path> file = config.path(JwtOption.SUBJECT_TOKEN_FILE);
    Optional<String> provider = config.get(JwtOption.SUBJECT_TOKEN_PROVIDER);
    if (file.isPresent() == provider.isPresent()) {
      throw TokenException.configuration("jwt.provider=token-exchange needs exactly one of "
          + JwtOption.SUBJECT_TOKEN_FILE.key() + " (a file holding the token to exchange) and "
          + JwtOption.SUBJECT_TOKEN_PROVIDER.key() + " (another provider that supplies it)");
    }
    if (file.isPresent()) {
      return file(JwtOption.SUBJECT_TOKEN_FILE, file.get());
    }
    String name = provider.get();
    if (name.equals(TokenExchangeProvider.NAME)) {
      throw TokenException.configuration(JwtOption.SUBJECT_TOKEN_PROVIDER.key() + " must name another provider "
          + "than token-exchange");
    }
    TokenSource source = TokenSources.create(config.with(JwtOption.PROVIDER, name), clock);
    return new Supplier() {
      @Override
      public Secret get() throws TokenException {
        return source.fetch().value();
      }

      @Override
      public void close() {
        source.close();
      }
    };
  }
}
