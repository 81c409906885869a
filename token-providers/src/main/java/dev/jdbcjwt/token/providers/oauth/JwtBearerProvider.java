package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.JWTBearerGrant;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.SignedTokenSource;
import dev.jdbcjwt.token.providers.SigningKeys;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code jwt.provider=jwt-bearer} (RFC 7523 §2.1): presents a JWT assertion as the grant. The assertion is read from
 * {@code jwt.assertionFile} at every request, or signed locally with {@code jwt.signingKey} (as provider 'signed'
 * does) with issuer {@code jwt.assertionIssuer}, subject {@code jwt.subject} and audience
 * {@code jwt.assertionAudience}. Client authentication is optional.
 */
public final class JwtBearerProvider implements TokenSourceProvider {

  static final String NAME = "jwt-bearer";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    OAuthClient client = OAuthClient.from(config, NAME, clock, false, true);
    boolean fromFile = config.get(JwtOption.ASSERTION_FILE).isPresent();
    boolean signed = config.has(JwtOption.SIGNING_KEY);
    if (fromFile == signed) {
      throw TokenException.configuration("jwt.provider=jwt-bearer needs exactly one of "
          + JwtOption.ASSERTION_FILE.key() + " (a file holding the signed assertion) and "
          + JwtOption.SIGNING_KEY.key() + " (a key to sign the assertion with)");
    }
    SubjectTokens.Supplier assertions = fromFile
        ? SubjectTokens.file(JwtOption.ASSERTION_FILE, config.path(JwtOption.ASSERTION_FILE).get())
        : signedAssertions(config, clock);
    return new OAuthTokenSource(NAME, client, () -> new JWTBearerGrant(parse(assertions.get(), fromFile)));
  }

  private static SubjectTokens.Supplier signedAssertions(TokenConfig config, Clock clock) throws TokenException {
    String by = "by jwt.provider=jwt-bearer with " + JwtOption.SIGNING_KEY.key();
    SigningKeys.SigningKey key = SigningKeys.read(JwtOption.SIGNING_KEY, config.requireSecret(JwtOption.SIGNING_KEY,
        by), SigningKeys.algorithm(config));
    String issuer = config.get(JwtOption.ASSERTION_ISSUER).or(() -> config.get(JwtOption.CLIENT_ID))
        .orElseThrow(() -> TokenException.configuration(JwtOption.ASSERTION_ISSUER.key() + " (or "
            + JwtOption.CLIENT_ID.key() + ") is required " + by + "; it becomes the assertion's 'iss'"));
    String subject = config.get(JwtOption.SUBJECT).or(config::user)
        .orElseThrow(() -> TokenException.configuration(JwtOption.SUBJECT.key() + " is required " + by
            + " when no 'user' is given; it becomes the assertion's 'sub'"));
    String audience = config.get(JwtOption.ASSERTION_AUDIENCE).or(() -> config.get(JwtOption.ISSUER))
        .or(() -> config.get(JwtOption.TOKEN_ENDPOINT)).orElseThrow();
    Duration ttl = config.duration(JwtOption.TTL).orElseThrow();
    Optional<String> keyId = config.get(JwtOption.KEY_ID).or(key::jwkKeyId);
    SignedTokenSource source = new SignedTokenSource(key, keyId, Optional.of(issuer), subject, List.of(audience),
        ttl, config.prefixed(JwtOption.CLAIM), clock);
    return () -> source.fetch().value();
  }

  private static SignedJWT parse(Secret assertion, boolean fromFile) throws TokenException {
    try {
      return SignedJWT.parse(assertion.reveal());
    } catch (ParseException e) {
      // the parser's message may quote the assertion: not chained
      throw TokenException.unavailable((fromFile ? JwtOption.ASSERTION_FILE.key() : "the signed assertion")
          + " does not hold a signed JWT (" + assertion.length() + " characters); the jwt-bearer grant needs a JWS "
          + "in compact form", null);
    }
  }
}
