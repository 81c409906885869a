package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;

/** One token request per fetch, with a grant made fresh for it (assertions and subject tokens rotate). */
final class OAuthTokenSource implements TokenSource {

  /** Makes the grant of one request. */
  @FunctionalInterface
  interface Grants extends AutoCloseable {
    AuthorizationGrant next() throws TokenException;

    @Override
    default void close() {
    }
  }

  private final String provider;
  private final OAuthClient client;
  private final Grants grants;

  OAuthTokenSource(String provider, OAuthClient client, Grants grants) {
    this.provider = provider;
    this.client = client;
    this.grants = grants;
  }

  @Override
  public Token fetch() throws TokenException {
    return client.request(grants.next());
  }

  @Override
  public void close() {
    grants.close();
  }

  @Override
  public String toString() {
    return "OAuthTokenSource[" + provider + "]";
  }
}
