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
 * configurations share one token cache. Secret-typed options ({@link OptionType#SECRET}) are held as {@link Secret}
 * from the moment they are parsed (the literal secret, or its {@code env:}/{@code file:} reference) and read only
 * through {@link #secret}; {@link #toString()} and {@link #printable()} show each value as {@link Redaction#option}
 * prints it (secrets as {@value Redaction#REDACTED}, endpoints without query, commands as their program).
 */
public final class TokenConfig {

  private final Map<String, String> options;
  private final Map<String, Secret> secrets;
  private final String user;
  private final UnaryOperator<String> environment;
  private int hash; // immutable: computed once, the cache lookup on every connect hashes it
  private TokenConfig cacheKey; // computed once (a benign race: every thread computes an equal one)

  private TokenConfig(Map<String, String> options, Map<String, Secret> secrets, String user,
      UnaryOperator<String> environment) {
    this.options = options;
    this.secrets = secrets;
    this.user = user;
    this.environment = environment;
  }

  /**
   * Validates {@code options} (every key must start with {@code jwt.}): unknown names are refused with the closest
   * valid one, durations and choices are checked.
   *
   * @param options the options by name
   * @param user the database user the token is for, or {@code null}
   * @return the validated configuration
   * @throws TokenException (configuration) naming the first bad option and what to write instead
   */
  public static TokenConfig of(Map<String, String> options, String user) throws TokenException {
    return of(options, user, System::getenv);
  }

  /**
   * As {@link #of(Map, String)}, reading {@code env:} references through {@code environment}.
   *
   * @param options the options by name
   * @param user the database user the token is for, or {@code null}
   * @param environment looks up environment variables (tests pass a map's {@code get})
   * @return the validated configuration
   * @throws TokenException (configuration) naming the first bad option and what to write instead
   */
  public static TokenConfig of(Map<String, String> options, String user, UnaryOperator<String> environment)
      throws TokenException {
    Map<String, String> plain = new TreeMap<>();
    Map<String, Secret> secret = new TreeMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey();
      JwtOption option = JwtOption.forKey(key).orElseThrow(() -> unknown(key));
      String value = Objects.requireNonNull(e.getValue(), key).strip();
      OptionValues.check(option, key, value);
      if (option.isSecret()) {
        secret.put(key, Secret.of(value));
      } else {
        plain.put(key, value);
      }
    }
    return new TokenConfig(Collections.unmodifiableMap(plain), Collections.unmodifiableMap(secret), user,
        Objects.requireNonNull(environment));
  }

  private static TokenException unknown(String key) {
    String hint = JwtOption.closestTo(key).map(o -> " Did you mean '" + o.key() + "'?")
        .orElse(" See docs/configuration.md for the valid options.");
    return TokenException.configuration("Unknown option " + Quote.of(key) + "." + hint);
  }

  /**
   * The option's value, or its default.
   *
   * @param option a non-secret option
   * @return the value; empty when neither it nor a default is set
   * @throws IllegalArgumentException for a {@link OptionType#SECRET} option: read it with {@link #secret}
   */
  public Optional<String> get(JwtOption option) {
    if (option.isSecret()) {
      throw new IllegalArgumentException(option.key() + " is SECRET: read it with secret(), test it with has()");
    }
    String v = options.get(option.key());
    return v != null ? Optional.of(v) : option.defaultValue();
  }

  /**
   * Whether the option is set (not defaulted); for secret options too, without reading them.
   *
   * @param option the option
   * @return true when it was given
   */
  public boolean has(JwtOption option) {
    return options.containsKey(option.key()) || secrets.containsKey(option.key());
  }

  /**
   * The option's value or default; a configuration error naming the option when there is neither.
   *
   * @param option a non-secret option
   * @param forWhat what needs it, for the message (e.g. "by provider 'file'")
   * @return the value
   * @throws TokenException (configuration) when it is not set
   */
  public String require(JwtOption option, String forWhat) throws TokenException {
    Optional<String> v = get(option);
    if (v.isEmpty()) {
      throw missing(option, forWhat);
    }
    return v.get();
  }

  private static TokenException missing(JwtOption option, String forWhat) {
    return TokenException.configuration(option.key() + " is required " + forWhat + "; " + hintFor(option));
  }

  private static String hintFor(JwtOption option) {
    return option.isSecret() ? "give it as env:NAME, file:/path or the value itself" : "add it to the URL or properties";
  }

  /**
   * A {@link OptionType#DURATION} option (or its default).
   *
   * @param option an option of that type
   * @return the duration; empty when neither it nor a default is set
   */
  public Optional<Duration> duration(JwtOption option) {
    OptionValues.expect(option, OptionType.DURATION);
    return get(option).map(Durations::parse);
  }

  /**
   * A {@link OptionType#SHARE_OR_DURATION} option (or its default).
   *
   * @param option an option of that type
   * @return the share or duration; empty when neither it nor a default is set
   */
  public Optional<ShareOrDuration> shareOrDuration(JwtOption option) {
    OptionValues.expect(option, OptionType.SHARE_OR_DURATION);
    return get(option).map(v -> parsed(() -> OptionValues.shareOrDuration(option.key(), v)));
  }

  /**
   * A {@link OptionType#BOOLEAN} option (or its default).
   *
   * @param option a boolean option
   * @return its value; {@code false} when neither it nor a default is set
   */
  public boolean bool(JwtOption option) {
    OptionValues.expect(option, OptionType.BOOLEAN);
    return get(option).map("true"::equals).orElse(false);
  }

  /**
   * A {@link OptionType#CHOICE} option (or its default) as a constant of its enum, e.g.
   * {@code config.choice(JwtOption.ON_EXPIRY, OnExpiry.class)}.
   *
   * @param <E> the option's enum
   * @param option a choice option
   * @param type its {@link JwtOption#choiceType()}
   * @return the constant; empty when neither the option nor a default is set
   * @throws IllegalArgumentException when {@code type} is not the option's {@link JwtOption#choiceType()}
   */
  public <E extends Enum<E> & OptionChoice> Optional<E> choice(JwtOption option, Class<E> type) {
    OptionValues.expect(option, OptionType.CHOICE);
    return get(option).map(v -> parsed(() -> OptionValues.choice(option, type, v)));
  }

  /**
   * A {@link OptionType#PORT} option (or its default).
   *
   * @param option an option of that type
   * @return the port; empty when neither it nor a default is set
   */
  public Optional<Integer> integer(JwtOption option) {
    OptionValues.expect(option, OptionType.PORT);
    return get(option).map(v -> parsed(() -> OptionValues.port(option.key(), v)));
  }

  /**
   * A {@link OptionType#PATH} option (or its default).
   *
   * @param option an option of that type
   * @return the path; empty when neither it nor a default is set
   */
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

  /**
   * A {@link OptionType#SECRET} option, with {@code env:} and {@code file:} references resolved.
   *
   * @param option a secret option
   * @return the secret; empty when not set
   * @throws TokenException (configuration) when a reference names a missing variable or an unreadable file
   */
  public Optional<Secret> secret(JwtOption option) throws TokenException {
    OptionValues.expect(option, OptionType.SECRET);
    Secret raw = secrets.get(option.key());
    return raw == null ? Optional.empty()
        : Optional.of(SecretReference.resolve(option.key(), raw.reveal(), environment));
  }

  /**
   * As {@link #secret}; a configuration error naming the option when it is not set.
   *
   * @param option a secret option
   * @param forWhat what needs it, for the message
   * @return the secret
   * @throws TokenException (configuration) when it is not set or its reference cannot be read
   */
  public Secret requireSecret(JwtOption option, String forWhat) throws TokenException {
    return secret(option).orElseThrow(() -> missing(option, forWhat));
  }

  /**
   * The file a {@link OptionType#SECRET} option refers to ({@code file:/path}), for sources that watch it.
   *
   * @param option a secret option
   * @return the file; empty when the option is not a {@code file:} reference
   */
  public Optional<Path> secretFile(JwtOption option) {
    OptionValues.expect(option, OptionType.SECRET);
    return Optional.ofNullable(secrets.get(option.key())).map(Secret::reveal)
        .filter(raw -> raw.startsWith(SecretReference.FILE))
        .map(raw -> Path.of(raw.substring(SecretReference.FILE.length())));
  }

  /**
   * The options under a prefix option ({@code jwt.claim.}), keyed by what follows the prefix.
   *
   * @param prefixOption a {@link OptionType#PREFIX} option
   * @return the values by the name after the prefix
   */
  public Map<String, String> prefixed(JwtOption prefixOption) {
    Map<String, String> out = new TreeMap<>();
    options.forEach((k, v) -> {
      if (k.startsWith(prefixOption.key())) {
        out.put(k.substring(prefixOption.key().length()), v);
      }
    });
    return out;
  }

  /**
   * An environment variable, read through the environment this configuration was created with.
   *
   * @param name the variable
   * @return its value; empty when unset or empty
   */
  public Optional<String> environment(String name) {
    return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isEmpty());
  }

  /**
   * This configuration with {@code option} set to {@code value} (validated), e.g. to build a nested provider.
   *
   * @param option the option to set
   * @param value its value
   * @return the new configuration
   * @throws TokenException (configuration) when the value is invalid
   */
  public TokenConfig with(JwtOption option, String value) throws TokenException {
    Map<String, String> copy = revealed();
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
          : new TokenConfig(Collections.unmodifiableMap(kept), secrets, user, environment);
      cacheKey = k;
    }
    return k;
  }

  /**
   * The database user the token is for, when known.
   *
   * @return the user
   */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /**
   * The options as given (not defaults), without the {@link OptionType#SECRET} ones (see {@link #secret}).
   *
   * @return option name to value
   */
  public Map<String, String> options() {
    return options;
  }

  /**
   * Every option as given, each value as {@link Redaction#option} prints it: what {@link #toString()}, diagnostics
   * and configuration dumps show.
   *
   * @return option name to printable value, sorted by name
   */
  public Map<String, String> printable() {
    Map<String, String> out = new TreeMap<>();
    options.forEach((k, v) -> out.put(k, Redaction.option(k, v)));
    secrets.forEach((k, v) -> out.put(k, Redaction.option(k, v.reveal())));
    return out;
  }

  /**
   * Every option as given, secret ones revealed (references stay references): to hand this configuration on as
   * text, such as the {@code jwt.*} connection properties of the driver. Never print it.
   *
   * @return a new mutable map, sorted by name
   */
  public Map<String, String> revealed() {
    Map<String, String> out = new TreeMap<>(options);
    secrets.forEach((k, v) -> out.put(k, v.reveal()));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenConfig other && options.equals(other.options) && secrets.equals(other.secrets)
        && Objects.equals(user, other.user);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Objects.hash(options, secrets, user);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TokenConfig[");
    printable().forEach((k, v) -> b.append(k).append('=').append(v).append(", "));
    return b.append("user=").append(user).append(']').toString();
  }
}
