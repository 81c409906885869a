package dev.jdbcjwt.token.providers.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.util.List;

/**
 * {@code jwt.provider=token-exchange} (RFC 8693): exchanges a subject token, from {@code jwt.subjectTokenFile} (e.g. a
 * Kubernetes projected service-account token) or from the provider named by {@code jwt.subjectTokenProvider}, for a
 * database-scoped token. {@code jwt.audience}, {@code jwt.resource} and {@code jwt.scope} say what it is for.
 */
public final class TokenExchangeProvider implements TokenSourceProvider {

  static final String NAME = "token-exchange";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    OAuthClient client = OAuthClient.from(config, NAME, clock, false, false);
    TokenTypeURI subjectType = TokenTypes.parse(JwtOption.SUBJECT_TOKEN_TYPE,
        config.require(JwtOption.SUBJECT_TOKEN_TYPE, "by jwt.provider=token-exchange"));
    TokenTypeURI requestedType = config.get(JwtOption.REQUESTED_TOKEN_TYPE).isPresent()
        ? TokenTypes.parse(JwtOption.REQUESTED_TOKEN_TYPE, config.get(JwtOption.REQUESTED_TOKEN_TYPE).get()) : null;
    List<Audience> audience = OAuthClient.audience(config).stream().map(Audience::new).toList();
    SubjectTokens.Supplier subject = SubjectTokens.forExchange(config, clock);
    return new OAuthTokenSource(NAME, client, new OAuthTokenSource.Grants() {
      @Override
      public AuthorizationGrant next() throws TokenException {
        return new TokenExchangeGrant(new TypelessToken(subject.get().reveal()), subjectType, null, null,
            requestedType, audience.isEmpty() ? null : audience);
      }

      @Override
      public void close() {
        subject.close();
      }
    });
  }
}
