package dev.jdbcjwt.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The database side of a token login, as test databases do it: checks a JWT against a {@link TrustPolicy} for one
 * login user. The signature must verify with a key of the policy's JWKS (RS*, PS*, ES*, EdDSA as the keys allow),
 * {@code iss} must equal the policy's issuer, {@code aud} must contain the policy's audience, {@code exp} must be
 * present and not past (with {@link #CLOCK_SKEW}), and {@code sub} must equal the login user.
 *
 * <p>Rejection reasons name the failed check; they never contain the token.
 */
public final class JwtValidator {

  /** Tolerance for {@code exp}, {@code nbf} and {@code iat} against this validator's clock. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final TrustPolicy policy;
  private final Clock clock;
  private final JWSVerificationKeySelector<SecurityContext> keySelector;

  public JwtValidator(TrustPolicy policy) {
    this(policy, Clock.systemUTC());
  }

  public JwtValidator(TrustPolicy policy, Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keySelector = new JWSVerificationKeySelector<>(
        algorithmsFor(policy), new ImmutableJWKSet<>(policy.publicKeys()));
  }

  public TrustPolicy policy() {
    return policy;
  }

  /** True when {@code token} lets {@code user} log in. */
  public boolean accepts(String user, String token) {
    return rejectionReason(user, token).isEmpty();
  }

  /**
   * Empty when {@code token} lets {@code user} log in; otherwise why not, starting with one of {@code "no token"},
   * {@code "malformed token"}, {@code "untrusted signature"} or {@code "claims rejected"}.
   */
  public Optional<String> rejectionReason(String user, String token) {
    if (token == null || token.isBlank()) {
      return Optional.of("no token");
    }
    if (user == null || user.isEmpty()) {
      return Optional.of("no login user");
    }
    try {
      processorFor(user).process(token, null);
      return Optional.empty();
    } catch (ParseException e) {
      return reason("malformed token", e, token);
    } catch (BadJWTException e) {
      return reason("claims rejected", e, token).map(r -> r + claimsComparison(user, token));
    } catch (BadJWSException e) {
      return reason("untrusted signature", e, token);
    } catch (BadJOSEException e) {
      // no key of the policy matches the header's kid/alg, or an unsigned (alg=none) token
      return reason("untrusted signature", e, token);
    } catch (JOSEException e) {
      return reason("untrusted signature", e, token);
    } catch (RuntimeException e) {
      return reason("malformed token", e, token);
    } catch (LinkageError e) {
      // e.g. EdDSA verification without Google Tink on the class path
      return Optional.of("untrusted signature: no verifier available (" + e.getClass().getSimpleName() + ")");
    }
  }

  private DefaultJWTProcessor<SecurityContext> processorFor(String user) {
    JWTClaimsSet exactMatch = new JWTClaimsSet.Builder().issuer(policy.issuer()).subject(user).build();
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        Set.of(policy.audience()), exactMatch, Set.of("exp"), Set.of()) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(keySelector);
    processor.setJWTClaimsSetVerifier(claims);
    return processor;
  }

  /** The token's checked claims beside the expected ones (claims are not secret; the token is). */
  private String claimsComparison(String user, String token) {
    try {
      JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
      return " (token: iss=" + claims.getIssuer() + " aud=" + claims.getAudience() + " sub=" + claims.getSubject()
          + " exp=" + (claims.getExpirationTime() == null ? null : claims.getExpirationTime().toInstant())
          + "; expected: iss=" + policy.issuer() + " aud contains " + policy.audience() + " sub=" + user
          + " exp after " + clock.instant().minus(CLOCK_SKEW) + ")";
    } catch (ParseException e) {
      return "";
    }
  }

  private static Optional<String> reason(String category, Exception e, String token) {
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return Optional.of(category + ": " + withoutToken(detail, token));
  }

  /** Removes the token, and each of its parts, from a message (parse errors may quote what they read). */
  static String withoutToken(String message, String token) {
    String result = message.replace(token, "<token>");
    for (String part : token.split("\\.")) {
      if (part.length() >= 8) {
        result = result.replace(part, "<token part>");
      }
    }
    return result;
  }

  private static Set<JWSAlgorithm> algorithmsFor(TrustPolicy policy) {
    Set<JWSAlgorithm> algorithms = new HashSet<>();
    for (JWK key : policy.publicKeys().getKeys()) {
      if (key.getAlgorithm() != null) {
        algorithms.add(JWSAlgorithm.parse(key.getAlgorithm().getName()));
      } else if (key instanceof RSAKey) {
        algorithms.addAll(JWSAlgorithm.Family.RSA);
      } else if (key instanceof ECKey) {
        algorithms.addAll(JWSAlgorithm.Family.EC);
      } else if (key instanceof OctetKeyPair) {
        algorithms.addAll(JWSAlgorithm.Family.ED);
      }
    }
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("the trust policy has no key usable for JWS signatures");
    }
    return Set.copyOf(algorithms);
  }
}
