package dev.jdbcjwt.testing;

import com.nimbusds.jose.jwk.JWKSet;

import java.util.Objects;

/**
 * What a test database trusts: the issuer's public keys, the expected {@code iss} and the expected {@code aud}.
 * The database side checks signature, issuer, audience, expiry and that {@code sub} equals the login user.
 */
public record TrustPolicy(JWKSet publicKeys, String issuer, String audience) {
  public TrustPolicy {
    Objects.requireNonNull(publicKeys, "publicKeys");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    if (publicKeys.getKeys().stream().anyMatch(k -> k.isPrivate())) {
      throw new IllegalArgumentException("a trust policy holds public keys only");
    }
  }
}
