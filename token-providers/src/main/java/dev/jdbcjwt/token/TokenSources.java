package dev.jdbcjwt.token;

import dev.jdbcjwt.token.cache.Timekeeper;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the provider named by {@code jwt.provider} and builds its token source. */
public final class TokenSources {

  private TokenSources() {
  }

  /**
   * Creates the source {@code config} describes, on the system clock ({@link Timekeeper#SYSTEM}).
   *
   * @param config the validated options, {@code jwt.provider} among them
   * @return the source
   * @throws TokenException (CONFIGURATION) for an unknown provider or options it cannot use
   */
  public static TokenSource create(TokenConfig config) throws TokenException {
    return create(config, Timekeeper.SYSTEM.clock());
  }

  /**
   * Creates the source {@code config} describes, on {@code clock} (a registry passes its {@link Timekeeper}'s).
   *
   * @param config the validated options, {@code jwt.provider} among them
   * @param clock the time source; tests pass a fake one
   * @return the source
   * @throws TokenException (CONFIGURATION) for an unknown provider or options it cannot use
   */
  public static TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    String name = config.require(JwtOption.PROVIDER, "to choose where tokens come from");
    Map<String, TokenSourceProvider> providers = providers();
    TokenSourceProvider provider = providers.get(name);
    if (provider == null) {
      throw TokenException.configuration(JwtOption.PROVIDER.key() + "=" + dev.jdbcjwt.token.config.Quote.of(name)
          + " is not a known provider; available: " + String.join(", ", providers.keySet()));
    }
    return provider.create(config, clock);
  }

  /**
   * The providers on the class path, by name (this library's class loader, then the context class loader).
   *
   * @return the providers, sorted by name
   */
  public static Map<String, TokenSourceProvider> providers() {
    Map<String, TokenSourceProvider> byName = new TreeMap<>();
    load(TokenSources.class.getClassLoader(), byName);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && context != TokenSources.class.getClassLoader()) {
      load(context, byName);
    }
    return byName;
  }

  private static void load(ClassLoader loader, Map<String, TokenSourceProvider> into) {
    for (TokenSourceProvider p : ServiceLoader.load(TokenSourceProvider.class, loader)) {
      into.putIfAbsent(p.name(), p);
    }
  }
}
