package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.providers.Redaction;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Runs the command once per fetch and reads its output; a failed run reports its exit code and redacted stderr. */
final class ExecTokenSource implements TokenSource {

  private static final int MAX_STDERR_IN_MESSAGE = 500;

  private final CommandRunner runner;
  private final CommandOutput output;
  private final Optional<Duration> assumedLifetime;
  private final Clock clock;

  ExecTokenSource(CommandRunner runner, CommandOutput output, Optional<Duration> assumedLifetime, Clock clock) {
    this.runner = runner;
    this.output = output;
    this.assumedLifetime = assumedLifetime;
    this.clock = clock;
  }

  @Override
  public Token fetch() throws TokenException {
    CommandRunner.Result result = runner.run();
    if (result.exitCode() != 0) {
      String stderr = Redaction.redact(result.stderr(), MAX_STDERR_IN_MESSAGE);
      throw TokenException.unavailable(JwtOption.COMMAND.key() + " '" + runner.program() + "' exited with status "
          + result.exitCode() + (stderr.isEmpty() ? " and printed nothing on stderr" : "; stderr: " + stderr)
          + "; run it by hand to see why (e.g. not logged in)", null);
    }
    return output.read(result.stdout(), clock.instant(), assumedLifetime);
  }

  @Override
  public String toString() {
    return "ExecTokenSource[" + runner.program() + "]";
  }
}
