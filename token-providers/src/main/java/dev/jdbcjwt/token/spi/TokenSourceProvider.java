package dev.jdbcjwt.token.spi;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.TokenConfig;

import java.time.Clock;

/**
 * Creates token sources of one kind, named by {@code jwt.provider}. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/dev.jdbcjwt.token.spi.TokenSourceProvider}.
 */
public interface TokenSourceProvider {

  /**
   * The value of {@code jwt.provider} that selects this provider, e.g. {@code signed}.
   *
   * @return the provider name
   */
  String name();

  /**
   * Builds a source from validated options. Fails with a {@link TokenException.Kind#CONFIGURATION} error naming the
   * option when something required is missing or unusable, so mistakes surface at the first connection.
   *
   * @param clock the time source; tests pass a fake one
   * @param config the validated options
   * @return the source, ready to fetch
   * @throws TokenException (CONFIGURATION) naming the option that is missing or unusable
   */
  TokenSource create(TokenConfig config, Clock clock) throws TokenException;
}
