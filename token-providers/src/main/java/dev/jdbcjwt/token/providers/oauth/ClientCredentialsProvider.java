package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;

/**
 * {@code jwt.provider=client-credentials} (RFC 6749 §4.4): the client's own token, with client_secret_basic,
 * client_secret_post or private_key_jwt authentication; the token endpoint from {@code jwt.tokenEndpoint} or OpenID
 * Connect discovery from {@code jwt.issuer}. Options are checked here; the identity provider is first contacted by the
 * first fetch.
 */
public final class ClientCredentialsProvider implements TokenSourceProvider {

  static final String NAME = "client-credentials";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    OAuthClient client = OAuthClient.from(config, NAME, clock, true, true);
    ClientCredentialsGrant grant = new ClientCredentialsGrant();
    return new OAuthTokenSource(NAME, client, () -> grant);
  }
}
