package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.Redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A token source whose errors never quote the configuration's own secrets: an identity provider or a command that
 * echoes the client secret (or any other resolved secret option) in its error text has it replaced by
 * {@value Redaction#REDACTED}. The built-in providers quote outside text only through {@link Redaction#redact}, which
 * during the fetch knows these secrets ({@link Redaction#withKnownSecrets}), so the text is clean where it first
 * becomes a message; a message that still carries one (a third-party provider's) is replaced before it goes on.
 */
final class KnownSecretsSource implements TokenSource {

  private final TokenSource source;
  private final List<String> known;

  private KnownSecretsSource(TokenSource source, List<String> known) {
    this.source = source;
    this.known = known;
  }

  /** {@code source} itself when {@code config} has no secret to look for. */
  static TokenSource wrap(TokenSource source, TokenConfig config) {
    List<String> known = knownSecrets(config);
    return known.isEmpty() ? source : new KnownSecretsSource(source, known);
  }

  /** The resolved values ({@code env:}, {@code file:}) of the secret options; unreadable ones are skipped. */
  static List<String> knownSecrets(TokenConfig config) {
    List<String> values = new ArrayList<>();
    for (JwtOption option : JwtOption.values()) {
      if (option.isSecret() && config.has(option)) {
        try {
          config.secret(option).map(Secret::reveal).map(String::strip).ifPresent(values::add);
        } catch (TokenException e) {
          // the source reports what cannot be read; nothing known to hide here
        }
      }
    }
    return List.copyOf(values);
  }

  @Override
  public Token fetch() throws TokenException {
    try {
      return Redaction.withKnownSecrets(known, source::fetch);
    } catch (TokenException e) {
      throw scrubbed(e);
    }
  }

  private TokenException scrubbed(TokenException e) {
    String message = e.getMessage();
    String clean = Redaction.withoutKnown(message, known);
    if (clean == null || clean.equals(message) && !mentionsKnown(e.getCause())) {
      return e;
    }
    Throwable cause = mentionsKnown(e.getCause()) ? null : e.getCause();
    TokenException replaced = new TokenException(e.kind(), clean, cause);
    replaced.setStackTrace(e.getStackTrace());
    return replaced;
  }

  /** True when the message of {@code t} or of one of its causes contains a known secret. */
  private boolean mentionsKnown(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && !Optional.ofNullable(Redaction.withoutKnown(m, known)).orElse(m).equals(m)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  @Override
  public void close() {
    source.close();
  }

  @Override
  public String toString() {
    return source.toString();
  }
}
