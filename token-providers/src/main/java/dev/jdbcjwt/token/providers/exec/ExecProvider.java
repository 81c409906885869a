package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * {@code jwt.provider=exec}: runs {@code jwt.command} (without a shell) and takes the token it prints, e.g.
 * {@code az account get-access-token --resource https://ossrdbms-aad.database.windows.net -o json} or
 * {@code gcloud auth print-access-token}. The command is not run here: the first fetch runs it.
 */
public final class ExecProvider implements TokenSourceProvider {

  @Override
  public String name() {
    return "exec";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    List<String> command = CommandLine.split(config.require(JwtOption.COMMAND, "by jwt.provider=exec"));
    Duration timeout = config.duration(JwtOption.COMMAND_TIMEOUT).orElseThrow();
    if (timeout.isZero()) {
      throw TokenException.configuration(JwtOption.COMMAND_TIMEOUT.key() + " must be more than 0 (got "
          + Durations.format(timeout) + ")");
    }
    Optional<Duration> lifetime = config.duration(JwtOption.COMMAND_TOKEN_LIFETIME);
    if (lifetime.isPresent() && lifetime.get().isZero()) {
      throw TokenException.configuration(JwtOption.COMMAND_TOKEN_LIFETIME.key() + " must be more than 0");
    }
    CommandRunner runner = new CommandRunner(command, timeout);
    return new ExecTokenSource(runner, new CommandOutput(runner.program(), ZoneId.systemDefault()), lifetime, clock);
  }
}
