package dev.jdbcjwt.token.config;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.providers.Redaction;

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
      check(option, key, value);
      copy.put(key, value);
    }
    return new TokenConfig(Collections.unmodifiableMap(copy), user, Objects.requireNonNull(environment));
  }

  private static TokenException unknown(String key) {
    String hint = JwtOption.closestTo(key).map(o -> " Did you mean '" + o.key() + "'?")
        .orElse(" See docs/configuration.md for the valid options.");
    return TokenException.configuration("Unknown option " + Quote.of(key) + "." + hint);
  }

  private static void check(JwtOption option, String key, String value) throws TokenException {
    switch (option.type()) {
      case DURATION:
        try {
          Duration d = Durations.parse(value);
          if (d.isNegative()) {
            throw TokenException.configuration(key + " must not be negative (got " + Quote.of(value) + ")");
          }
        } catch (IllegalArgumentException e) {
          throw TokenException.configuration(key + ": " + e.getMessage());
        }
        break;
      case SHARE_OR_DURATION:
        if (value.endsWith("%")) {
          try {
            double share = Double.parseDouble(value.substring(0, value.length() - 1));
            if (share > 0 && share < 100) {
              break;
            }
          } catch (NumberFormatException e) {
            // reported below
          }
          throw TokenException.configuration(key + " must be a share between 0% and 100% (exclusive) or a "
              + "duration (got " + Quote.of(value) + ")");
        }
        check(JwtOption.CLOCK_SKEW, key, value);
        break;
      case CHOICE:
        if (!option.choices().contains(value)) {
          throw TokenException.configuration(key + " must be one of " + String.join(", ", option.choices())
              + " (got " + Quote.of(value) + ")");
        }
        break;
      default:
        if (value.isEmpty() && option.type() != OptionType.PREFIX) {
          throw TokenException.configuration(key + " is empty; give it a value or leave it out");
        }
    }
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

  /** A duration option (or its default); empty when neither is set. */
  public Optional<Duration> duration(JwtOption option) {
    return get(option).map(Durations::parse);
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
