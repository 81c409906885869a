package dev.jdbcjwt.jdbc.cli;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;
import dev.jdbcjwt.token.providers.PublicKeys;
import dev.jdbcjwt.token.providers.SigningKeys;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code jwks --signing-key <file> [--key-id id] [--algorithm alg]…}: prints the public JWK set that a database or
 * validator is configured to trust for tokens of {@code jwt.provider=signed} (never any private part). Several
 * {@code --signing-key} options print a set with every key, for a rotation where both keys are trusted.
 */
final class JwksCommand {

  private final PrintStream out;
  private final PrintStream err;

  JwksCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    Request request;
    try {
      request = Request.parse(args);
    } catch (UsageException e) {
      err.println(e.getMessage());
      return ExitCode.USAGE;
    }
    List<JWK> published = new ArrayList<>();
    for (int i = 0; i < request.keys().size(); i++) {
      try {
        published.add(publicKey(request.keys().get(i), request.keyIds().get(i), request.algorithm()));
      } catch (TokenException e) {
        err.println("FAILED: " + request.keys().get(i) + ": " + e.getMessage());
        return ExitCode.CONFIGURATION;
      }
    }
    out.println(new JWKSet(published).toString(true));
    return ExitCode.OK;
  }

  /** The command line: each {@code --signing-key} with the {@code --key-id} after it, and the algorithm. */
  private record Request(List<Path> keys, List<Optional<String>> keyIds, Optional<String> algorithm) {

    static Request parse(String[] args) throws UsageException {
      List<Path> keys = new ArrayList<>();
      List<Optional<String>> keyIds = new ArrayList<>();
      Optional<String> algorithm = Optional.empty();
      for (int i = 0; i < args.length; i += 2) {
        String a = args[i];
        if (i + 1 >= args.length) {
          throw new UsageException("jdbc-jwt: " + a + " needs a value");
        }
        String v = args[i + 1];
        switch (a) {
          case "--signing-key" -> {
            keys.add(Path.of(v));
            keyIds.add(Optional.empty());
          }
          case "--key-id" -> {
            if (keys.isEmpty()) {
              throw new UsageException("jdbc-jwt: --key-id applies to the --signing-key before it");
            }
            keyIds.set(keys.size() - 1, Optional.of(v));
          }
          case "--algorithm" -> algorithm = Optional.of(v);
          default -> throw new UsageException("jdbc-jwt: unknown option " + a);
        }
      }
      if (keys.isEmpty()) {
        throw new UsageException(
            "usage: jwks --signing-key <file> [--key-id <id>] [--algorithm <alg>] [--signing-key …]");
      }
      return new Request(keys, keyIds, algorithm);
    }
  }

  /** A command line that cannot be run; the message says why. */
  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** The public half of the signing key in {@code file}, with {@code keyId} when given. */
  private static JWK publicKey(Path file, Optional<String> keyId, Optional<String> algorithm) throws TokenException {
    Secret text = Secret.of(SecretReference.readFile("--signing-key", file));
    SigningKeys.SigningKey key = SigningKeys.read(JwtOption.SIGNING_KEY, text, algorithm);
    JWK pub = key.publicJwk();
    return keyId.isPresent() ? PublicKeys.withKeyId(pub, keyId.get()) : pub;
  }
}
