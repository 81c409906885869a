package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jwt.provider=signed}: mints JWTs locally with {@code jwt.signingKey}, for databases that trust a public key
 * directly. All options are checked here, once, so a mistake fails the first connection with a clear message. A key
 * given as {@code file:/path} is re-read when the file changes (key rotation).
 */
public final class SignedProvider implements TokenSourceProvider {

  private static final Set<String> REGISTERED_CLAIMS = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti");

  @Override
  public String name() {
    return "signed";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    String subject = config.get(JwtOption.SUBJECT).or(config::user).orElseThrow(() -> TokenException.configuration(
        JwtOption.SUBJECT.key() + " is required by jwt.provider=signed when no 'user' is given; set either"));
    Duration ttl = config.duration(JwtOption.TTL).orElseThrow();
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
      throw TokenException.configuration(JwtOption.TTL.key() + " must be at least 1s (got "
          + config.get(JwtOption.TTL).orElseThrow() + ")");
    }
    Map<String, String> extra = config.prefixed(JwtOption.CLAIM);
    for (String name : extra.keySet()) {
      if (REGISTERED_CLAIMS.contains(name)) {
        throw TokenException.configuration(JwtOption.CLAIM.key() + name + " would override a registered claim; "
            + "use jwt.issuer, jwt.subject, jwt.audience or jwt.ttl instead");
      }
    }
    List<String> audience = config.get(JwtOption.AUDIENCE)
        .map(a -> Arrays.stream(a.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
    Optional<String> algorithm = SigningKeys.algorithm(config);
    Optional<String> explicitKeyId = config.get(JwtOption.KEY_ID);
    ReloadingSignedTokenSource.Factory factory = keyText -> {
      SigningKeys.SigningKey key = SigningKeys.read(JwtOption.SIGNING_KEY, keyText, algorithm);
      return new SignedTokenSource(key, Optional.of(explicitKeyId.orElse(key.defaultKeyId())),
          config.get(JwtOption.ISSUER), subject, audience, ttl, extra, clock);
    };
    Optional<Path> keyFile = config.secretFile(JwtOption.SIGNING_KEY);
    if (keyFile.isPresent()) {
      return new ReloadingSignedTokenSource(keyFile.get(), factory);
    }
    Secret key = config.requireSecret(JwtOption.SIGNING_KEY, "by jwt.provider=signed");
    return factory.create(key);
  }
}
