package dev.jdbcjwt.samples.quickstart;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.h2.api.CredentialsValidator;
import org.h2.security.auth.AuthenticationInfo;
import org.h2.security.auth.ConfigProperties;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's side: an H2 authentication realm that takes the password as a JWT and accepts the login only when
 * the token is signed by a trusted key (the issuer's JWKS), names the expected issuer and audience, has not expired,
 * and its subject is the user logging in. H2 upper-cases user names, so the subject is compared the same way.
 *
 * <p>It remembers what it last accepted and why it last refused, so the demo can show the database's view. It keeps
 * the claims it needs, never the token.
 */
public final class JwtRealm implements CredentialsValidator {

  /** What the database saw in a token it accepted. */
  public record AcceptedToken(String user, String subject, String keyId, String tokenId, Instant issuedAt,
      Instant expiresAt) {

    public Duration remainingAt(Instant now) {
      return Duration.between(now, expiresAt);
    }
  }

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final AtomicReference<AcceptedToken> lastAccepted = new AtomicReference<>();
  private final AtomicReference<String> lastRefusal = new AtomicReference<>();

  public JwtRealm(JWKSet trustedKeys, String issuer, String audience, Duration clockSkew) {
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(
        Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), new ImmutableJWKSet<>(trustedKeys)));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        Set.of(audience),
        new JWTClaimsSet.Builder().issuer(issuer).build(),
        Set.of("sub", "exp", "iat"),
        null);
    claims.setMaxClockSkew((int) clockSkew.toSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  @Override
  public boolean validateCredentials(AuthenticationInfo info) {
    String password = info.getPassword();
    if (password == null || password.isEmpty()) {
      return refuse("no token was sent as the password");
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(password);
      claims = processor.process(jwt, null);
    } catch (ParseException e) {
      return refuse("the password is not a signed JWT");
    } catch (BadJOSEException e) {
      // nimbus's messages name the failed check (signature, issuer, audience, expiry), never the token itself
      return refuse(e.getMessage());
    } catch (com.nimbusds.jose.JOSEException e) {
      return refuse("the signature could not be checked: " + e.getMessage());
    }
    String user = info.getUserName();
    String subject = claims.getSubject();
    if (!subject.toUpperCase(Locale.ROOT).equals(user)) {
      return refuse("the token is for '" + subject + "', not for user " + user);
    }
    lastAccepted.set(new AcceptedToken(info.getFullyQualifiedName(), subject, jwt.getHeader().getKeyID(),
        claims.getJWTID(), claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()));
    return true;
  }

  private boolean refuse(String reason) {
    lastRefusal.set(reason);
    return false;
  }

  /** The realm is configured in code (see {@link TokenTrustingDatabase}), not from H2's XML file. */
  @Override
  public void configure(ConfigProperties configProperties) {
    // nothing to read
  }

  public Optional<AcceptedToken> lastAccepted() {
    return Optional.ofNullable(lastAccepted.get());
  }

  public Optional<String> lastRefusal() {
    return Optional.ofNullable(lastRefusal.get());
  }
}
