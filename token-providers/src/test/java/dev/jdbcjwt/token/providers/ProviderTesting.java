package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.token.TestKeys;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.TokenConfig;
import org.assertj.core.api.ThrowableAssert;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builds provider configurations on a fixed clock, and checks the errors they raise. */
public final class ProviderTesting {

  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final PrivateKey JWT_KEY = TestKeys.rsa().getPrivate();

  private ProviderTesting() {
  }

  /** Options from key/value pairs; user "app"; no environment. */
  public static TokenConfig config(String... keyValues) throws TokenException {
    return config(Map.of(), keyValues);
  }

  public static TokenConfig config(Map<String, String> environment, String... keyValues) throws TokenException {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      options.put(keyValues[i], keyValues[i + 1]);
    }
    return TokenConfig.of(options, "app", environment::get);
  }

  public static TokenSource source(String... keyValues) throws TokenException {
    return TokenSources.create(config(keyValues), CLOCK);
  }

  public static TokenSource source(Map<String, String> environment, String... keyValues) throws TokenException {
    return TokenSources.create(config(environment, keyValues), CLOCK);
  }

  /** A signed JWT (RS256, a throw-away key) with {@code sub} and {@code exp}. */
  public static String jwt(String subject, Instant exp) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
          new JWTClaimsSet.Builder().subject(subject).issueTime(Date.from(NOW)).expirationTime(Date.from(exp)).build());
      jwt.sign(new RSASSASigner(JWT_KEY));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts a TokenException of {@code kind}; returns it for message checks. */
  public static TokenException failure(TokenException.Kind kind, ThrowableAssert.ThrowingCallable call) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> {
      try {
        call.call();
      } catch (Throwable t) {
        caught[0] = t;
        throw t;
      }
    }).isInstanceOfSatisfying(TokenException.class, e -> org.assertj.core.api.Assertions.assertThat(e.kind())
        .as("kind of: %s", e.getMessage()).isEqualTo(kind));
    return (TokenException) caught[0];
  }
}
