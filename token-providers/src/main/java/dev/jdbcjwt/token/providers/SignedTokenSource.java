package dev.jdbcjwt.token.providers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Mints one JWT per call: iss, sub, aud, iat, exp = iat + ttl, a fresh jti, and the configured extra claims. Public
 * for the other built-in providers (jwt-bearer signs its assertions with it); internal
 * like its package (package-info).
 */
public final class SignedTokenSource implements TokenSource {

  private final SigningKeys.SigningKey key;
  private final JWSHeader header;
  private final Optional<String> issuer;
  private final String subject;
  private final List<String> audience;
  private final Duration ttl;
  private final Map<String, String> extraClaims;
  private final Clock clock;

  public SignedTokenSource(SigningKeys.SigningKey key, Optional<String> keyId, Optional<String> issuer, String subject,
      List<String> audience, Duration ttl, Map<String, String> extraClaims, Clock clock) {
    this.key = key;
    this.header = new JWSHeader.Builder(key.algorithm()).type(JOSEObjectType.JWT).keyID(keyId.orElse(null)).build();
    this.issuer = issuer;
    this.subject = subject;
    this.audience = audience;
    this.ttl = ttl;
    this.extraClaims = extraClaims;
    this.clock = clock;
  }

  @Override
  public Token fetch() throws TokenException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString());
    issuer.ifPresent(claims::issuer);
    if (!audience.isEmpty()) {
      claims.audience(audience);
    }
    extraClaims.forEach(claims::claim);
    SignedJWT jwt = new SignedJWT(header, claims.build());
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw TokenException.unavailable("signing the token with jwt.signingKey failed ("
          + e.getClass().getSimpleName() + ")", null);
    }
    return Token.fromJwt(jwt.serialize());
  }

  @Override
  public String toString() {
    return "SignedTokenSource[alg=" + key.algorithm() + ", kid=" + header.getKeyID() + ", sub=" + subject + "]";
  }
}
