package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.nio.file.Path;
import java.time.Clock;

/** {@code jwt.provider=file}: the token in {@code jwt.tokenFile}, re-read whenever the file changes. */
public final class FileProvider implements TokenSourceProvider {

  @Override
  public String name() {
    return "file";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    config.require(JwtOption.TOKEN_FILE, "by jwt.provider=file");
    Path path = config.path(JwtOption.TOKEN_FILE).orElseThrow();
    FileTokenSource source = new FileTokenSource(path, clock);
    source.fetch(); // a missing or malformed file is reported at the first connection, not later
    return source;
  }
}
