package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;

/**
 * {@code jwt.provider=static}: one token given in {@code jwt.token} (or read once from {@code env:}/{@code file:}).
 * A JWT's lifetime comes from its {@code exp}; an opaque token's lifetime is unknown.
 */
public final class StaticProvider implements TokenSourceProvider {

  @Override
  public String name() {
    return "static";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    Secret value = config.requireSecret(JwtOption.TOKEN, "by jwt.provider=static");
    Token token = Token.fromJwtOrOpaque(value.reveal(), clock.instant(), null);
    return () -> token;
  }
}
