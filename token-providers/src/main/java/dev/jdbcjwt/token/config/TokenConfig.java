package dev.jdbcjwt.token.config;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.providers.Redaction;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The validated {@code jwt.*} options of one token configuration, plus the database user it is for. Immutable; equal
 * configurations share one token cache. {@link #toString()} shows each value as {@link Redaction#option} prints it
 * (secrets as {@code <redacted>}, endpoints without query, commands as their program).
 */
public final class TokenConfig {

  private final Map<String, String> options;
  private final String user;
  private final UnaryOperator<String> environment;
  private int hash; // immutable: computed once, the cache lookup on every connect hashes it
  private TokenConfig cacheKey; // computed once (a benign race: every thread computes an equal one)

  private TokenConfig(Map<String, String> options, String user, UnaryOperator<String> environment) {
    this.options = options;
    this.user = user;
    this.environment = environment;
  }

  /**
   * Validates {@code options} (every key must start with {@code jwt.}): unknown names are refused with the closest
   * valid one, durations and choices are checked.
   *
   * @param user the database user the token is for, or {@code null}
   */
  public static TokenConfig of(Map<String, String> options, String user) throws TokenException {
    return of(options, user, System::getenv);
  }

  /** As {@link #of(Map, String)}, reading {@code env:} references through {@code environment}. */
  public static TokenConfig of(Map<String, String> options, String user, UnaryOperator<String> environment)
      throws TokenException {
    Map<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey();
      JwtOption option = JwtOption.forKey(key).orElseThrow(() -> unknown(key));
      String value = Objects.requireNonNull(e.getValue(), key).strip();
      OptionValues.check(option, key, value);
      copy.put(key, value);
    }
    return new TokenConfig(Collections.unmodifiableMap(copy), user, Objects.requireNonNull(environment));
  }

  private static TokenException unknown(String key) {
    String hint = JwtOption.closestTo(key).map(o -> " Did you mean '" + o.key() + "'?")
        .orElse(" See docs/configuration.md for the valid options.");
    return TokenException.configuration("Unknown option " + Quote.of(key) + "." + hint);
  }

  /** The option's value, or its default. */
  public Optional<String> get(JwtOption option) {
    String v = options.get(option.key());
    return v != null ? Optional.of(v) : option.defaultValue();
  }

  /** The option's value or default; a configuration error naming the option when there is neither. */
  public String require(JwtOption option, String forWhat) throws TokenException {
    Optional<String> v = get(option);
    if (v.isEmpty()) {
      throw TokenException.configuration(option.key() + " is required " + forWhat + "; " + hintFor(option));
    }
    return v.get();
  }

  private static String hintFor(JwtOption option) {
    return option.isSecret() ? "give it as env:NAME, file:/path or the value itself" : "add it to the URL or properties";
  }

  /** A {@link OptionType#DURATION} option (or its default); empty when neither is set. */
  public Optional<Duration> duration(JwtOption option) {
    OptionValues.expect(option, OptionType.DURATION);
    return get(option).map(Durations::parse);
  }

  /** A {@link OptionType#SHARE_OR_DURATION} option (or its default); empty when neither is set. */
  public Optional<ShareOrDuration> shareOrDuration(JwtOption option) {
    OptionValues.expect(option, OptionType.SHARE_OR_DURATION);
    return get(option).map(v -> parsed(() -> OptionValues.shareOrDuration(option.key(), v)));
  }

  /** A {@link OptionType#BOOLEAN} option (or its default); {@code false} when neither is set. */
  public boolean bool(JwtOption option) {
    OptionValues.expect(option, OptionType.BOOLEAN);
    return get(option).map("true"::equals).orElse(false);
  }

  /**
   * A {@link OptionType#CHOICE} option (or its default) as a constant of its enum, e.g.
   * {@code config.choice(JwtOption.ON_EXPIRY, OnExpiry.class)}; empty when neither is set.
   *
   * @throws IllegalArgumentException when {@code type} is not the option's {@link JwtOption#choiceType()}
   */
  public <E extends Enum<E> & OptionChoice> Optional<E> choice(JwtOption option, Class<E> type) {
    OptionValues.expect(option, OptionType.CHOICE);
    return get(option).map(v -> parsed(() -> OptionValues.choice(option, type, v)));
  }

  /** A {@link OptionType#PORT} option (or its default); empty when neither is set. */
  public Optional<Integer> integer(JwtOption option) {
    OptionValues.expect(option, OptionType.PORT);
    return get(option).map(v -> parsed(() -> OptionValues.port(option.key(), v)));
  }

  /** A {@link OptionType#PATH} option (or its default); empty when neither is set. */
  public Optional<Path> path(JwtOption option) {
    OptionValues.expect(option, OptionType.PATH);
    return get(option).map(Path::of);
  }

  private interface Parse<T> {
    T run() throws TokenException;
  }

  /** Reads a value {@link #of} already validated, so it cannot fail. */
  private static <T> T parsed(Parse<T> parse) {
    try {
      return parse.run();
    } catch (TokenException e) {
      throw new IllegalStateException("validated at creation", e);
    }
  }

  /** A secret option, with {@code env:} and {@code file:} references resolved. */
  public Optional<Secret> secret(JwtOption option) throws TokenException {
    Optional<String> raw = get(option);
    return raw.isEmpty() ? Optional.empty()
        : Optional.of(SecretReference.resolve(option.key(), raw.get(), environment));
  }

  public Secret requireSecret(JwtOption option, String forWhat) throws TokenException {
    return SecretReference.resolve(option.key(), require(option, forWhat), environment);
  }

  /** The options under a prefix option ({@code jwt.claim.}), keyed by what follows the prefix. */
  public Map<String, String> prefixed(JwtOption prefixOption) {
    Map<String, String> out = new TreeMap<>();
    options.forEach((k, v) -> {
      if (k.startsWith(prefixOption.key())) {
        out.put(k.substring(prefixOption.key().length()), v);
      }
    });
    return out;
  }

  /** An environment variable, read through the environment this configuration was created with. */
  public Optional<String> environment(String name) {
    return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isEmpty());
  }

  /** This configuration with {@code option} set to {@code value} (validated), e.g. to build a nested provider. */
  public TokenConfig with(JwtOption option, String value) throws TokenException {
    Map<String, String> copy = new TreeMap<>(options);
    copy.put(option.key(), value);
    return of(copy, user, environment);
  }

  /**
   * This configuration without the options that tune single connections rather than the token
   * ({@link JwtOption#splitsTokenCache()} false: {@code jwt.minTokenLife}): what token caches are keyed by, so that
   * configurations differing only in those options share one cache. Returns this configuration when it has none.
   *
   * @return the configuration that identifies the token cache
   */
  public TokenConfig cacheKey() {
    TokenConfig k = cacheKey;
    if (k == null) {
      Map<String, String> kept = new TreeMap<>(options);
      kept.keySet().removeIf(key -> JwtOption.forKey(key).map(o -> !o.splitsTokenCache()).orElse(false));
      k = kept.size() == options.size() ? this
          : new TokenConfig(Collections.unmodifiableMap(kept), user, environment);
      cacheKey = k;
    }
    return k;
  }

  /** The database user the token is for, when known. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** All options as given (not defaults). Contains secrets or references to them: do not print. */
  public Map<String, String> options() {
    return options;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenConfig other && options.equals(other.options) && Objects.equals(user, other.user);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(options, user);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TokenConfig[");
    options.forEach((k, v) -> b.append(k).append('=').append(Redaction.option(k, v)).append(", "));
    return b.append("user=").append(user).append(']').toString();
  }
}
