package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.ClientAuthMethod;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.SigningKeys;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * How the client proves who it is at the token endpoint: client_secret_basic, client_secret_post, private_key_jwt
 * (a fresh assertion per request, RFC 7523 §2.2), or none (a public client, or none at all). Thread-safe.
 */
final class ClientAuth {

  /** Long enough for a slow round trip, short enough that a captured assertion is soon useless. */
  private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(2);

  private final ClientAuthMethod method;
  private final Optional<ClientID> clientId;
  private final Secret clientSecret;
  private final SigningKeys.SigningKey assertionKey;
  private final Optional<String> keyId;

  private ClientAuth(ClientAuthMethod method, Optional<ClientID> clientId, Secret clientSecret,
      SigningKeys.SigningKey assertionKey, Optional<String> keyId) {
    this.method = method;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.assertionKey = assertionKey;
    this.keyId = keyId;
  }

  /**
   * Reads jwt.clientId, jwt.clientSecret, jwt.clientAssertionKey and jwt.clientAuthMethod.
   *
   * @param required whether the grant needs an authenticated client (client-credentials does)
   */
  static ClientAuth from(TokenConfig config, String provider, boolean required) throws TokenException {
    Optional<ClientID> clientId = config.get(JwtOption.CLIENT_ID).map(ClientID::new);
    Optional<Secret> secret = config.secret(JwtOption.CLIENT_SECRET);
    boolean hasKey = config.has(JwtOption.CLIENT_ASSERTION_KEY);
    if (secret.isPresent() && hasKey) {
      throw TokenException.configuration(JwtOption.CLIENT_SECRET.key() + " and "
          + JwtOption.CLIENT_ASSERTION_KEY.key() + " are both set; give one: the client authenticates either with "
          + "a secret or with a key");
    }
    ClientAuthMethod method = config.choice(JwtOption.CLIENT_AUTH_METHOD, ClientAuthMethod.class)
        .orElse(hasKey ? ClientAuthMethod.PRIVATE_KEY_JWT
            : secret.isPresent() ? ClientAuthMethod.CLIENT_SECRET_BASIC : ClientAuthMethod.NONE);
    String by = "by jwt.provider=" + provider;
    if (required && clientId.isEmpty()) {
      config.require(JwtOption.CLIENT_ID, by);
    }
    if (method != ClientAuthMethod.NONE && clientId.isEmpty()) {
      config.require(JwtOption.CLIENT_ID, "when the client authenticates (" + method.optionValue() + ")");
    }
    switch (method) {
      case CLIENT_SECRET_BASIC:
      case CLIENT_SECRET_POST:
        Secret s = config.requireSecret(JwtOption.CLIENT_SECRET, "by " + JwtOption.CLIENT_AUTH_METHOD.key() + "="
            + method.optionValue());
        return new ClientAuth(method, clientId, s, null, Optional.empty());
      case PRIVATE_KEY_JWT:
        SigningKeys.SigningKey key = SigningKeys.read(JwtOption.CLIENT_ASSERTION_KEY,
            config.requireSecret(JwtOption.CLIENT_ASSERTION_KEY, "by " + JwtOption.CLIENT_AUTH_METHOD.key()
                + "=private_key_jwt"), SigningKeys.algorithm(config));
        return new ClientAuth(method, clientId, null, key, config.get(JwtOption.KEY_ID).or(key::jwkKeyId));
      default:
        if (required) {
          throw TokenException.configuration("jwt.provider=" + provider + " needs client authentication: set "
              + JwtOption.CLIENT_SECRET.key() + " or " + JwtOption.CLIENT_ASSERTION_KEY.key());
        }
        if (secret.isPresent()) {
          throw TokenException.configuration(JwtOption.CLIENT_AUTH_METHOD.key() + "=none but "
              + JwtOption.CLIENT_SECRET.key() + " is set; remove one of them");
        }
        return new ClientAuth(method, clientId, null, null, Optional.empty());
    }
  }

  ClientAuthMethod method() {
    return method;
  }

  Optional<ClientID> clientId() {
    return clientId;
  }

  /** The authentication for one request to {@code tokenEndpoint}; empty for {@link ClientAuthMethod#NONE}. */
  Optional<ClientAuthentication> authenticate(URI tokenEndpoint, Instant now) throws TokenException {
    switch (method) {
      case CLIENT_SECRET_BASIC:
        return Optional.of(new ClientSecretBasic(clientId.orElseThrow(), nimbusSecret()));
      case CLIENT_SECRET_POST:
        return Optional.of(new ClientSecretPost(clientId.orElseThrow(), nimbusSecret()));
      case PRIVATE_KEY_JWT:
        return Optional.of(privateKeyJwt(tokenEndpoint, now.truncatedTo(ChronoUnit.SECONDS)));
      default:
        return Optional.empty();
    }
  }

  private com.nimbusds.oauth2.sdk.auth.Secret nimbusSecret() {
    return new com.nimbusds.oauth2.sdk.auth.Secret(clientSecret.reveal());
  }

  private PrivateKeyJWT privateKeyJwt(URI tokenEndpoint, Instant now) throws TokenException {
    JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(clientId.orElseThrow(),
        List.of(new Audience(tokenEndpoint.toString())), Date.from(now.plus(ASSERTION_LIFETIME)), null,
        Date.from(now), new JWTID());
    JWSHeader header = new JWSHeader.Builder(assertionKey.algorithm()).type(JOSEObjectType.JWT)
        .keyID(keyId.orElse(null)).build();
    try {
      SignedJWT jwt = new SignedJWT(header, claims.toJWTClaimsSet());
      jwt.sign(assertionKey.signer());
      return new PrivateKeyJWT(jwt);
    } catch (JOSEException | RuntimeException e) {
      throw TokenException.configuration("signing the client assertion with " + JwtOption.CLIENT_ASSERTION_KEY.key()
          + " failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Which options to check when the identity provider refuses the client. */
  String optionsToCheck() {
    switch (method) {
      case PRIVATE_KEY_JWT:
        return JwtOption.CLIENT_ID.key() + " and " + JwtOption.CLIENT_ASSERTION_KEY.key() + " (is its public key, "
            + "with kid " + keyId.orElse("unset") + ", registered for the client?)";
      case NONE:
        return JwtOption.CLIENT_ID.key() + ", and whether the client must authenticate ("
            + JwtOption.CLIENT_SECRET.key() + " or " + JwtOption.CLIENT_ASSERTION_KEY.key() + ")";
      default:
        return JwtOption.CLIENT_ID.key() + " and " + JwtOption.CLIENT_SECRET.key() + ", and "
            + JwtOption.CLIENT_AUTH_METHOD.key() + " (now " + method.name().toLowerCase(java.util.Locale.ROOT)
            + "; the client may be registered for another method)";
    }
  }
}
