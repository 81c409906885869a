package dev.jdbcjwt.token.config;

import dev.jdbcjwt.token.TokenException;

import java.time.Duration;

/**
 * Reads an option's text as its {@link OptionType}: one place for every type's parsing and its validation message.
 * {@link TokenConfig#of} validates with it; the typed getters of {@link TokenConfig} read with it.
 */
final class OptionValues {

  private OptionValues() {
  }

  /** Throws a configuration error naming {@code key} when {@code value} is not a value of the option's type. */
  static void check(JwtOption option, String key, String value) throws TokenException {
    switch (option.type()) {
      case DURATION -> duration(key, value);
      case SHARE_OR_DURATION -> shareOrDuration(key, value);
      case BOOLEAN, CHOICE -> choiceIndex(option, key, value);
      case PORT -> port(key, value);
      case PREFIX -> { }
      default -> {
        if (value.isEmpty()) {
          throw TokenException.configuration(key + " is empty; give it a value or leave it out");
        }
      }
    }
  }

  static Duration duration(String key, String value) throws TokenException {
    try {
      Duration d = Durations.parse(value);
      if (d.isNegative()) {
        throw TokenException.configuration(key + " must not be negative (got " + Quote.of(value) + ")");
      }
      return d;
    } catch (IllegalArgumentException e) {
      throw TokenException.configuration(key + ": " + e.getMessage());
    }
  }

  static ShareOrDuration shareOrDuration(String key, String value) throws TokenException {
    if (!value.endsWith("%")) {
      return ShareOrDuration.ofDuration(duration(key, value));
    }
    try {
      double share = Double.parseDouble(value.substring(0, value.length() - 1));
      if (share > 0 && share < 100) {
        return ShareOrDuration.ofShare(share / 100);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw TokenException.configuration(key + " must be a share between 0% and 100% (exclusive) or a "
        + "duration (got " + Quote.of(value) + ")");
  }

  /** The position of {@code value} in the option's choices. */
  static int choiceIndex(JwtOption option, String key, String value) throws TokenException {
    int i = option.choices().indexOf(value);
    if (i < 0) {
      throw TokenException.configuration(key + " must be one of " + String.join(", ", option.choices())
          + " (got " + Quote.of(value) + ")");
    }
    return i;
  }

  static <E extends Enum<E> & OptionChoice> E choice(JwtOption option, Class<E> type, String value)
      throws TokenException {
    if (option.choiceType().filter(type::equals).isEmpty()) {
      throw new IllegalArgumentException(option.key() + " does not take " + type.getSimpleName() + " values");
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.optionValue().equals(value)) {
        return constant;
      }
    }
    choiceIndex(option, option.key(), value);
    throw new IllegalStateException(option.key() + ": choices and enum disagree"); // choices come from the enum
  }

  static int port(String key, String value) throws TokenException {
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw TokenException.configuration(key + " must be a port number, 1 to 65535 (got " + Quote.of(value) + ")");
  }

  /** Refuses a getter that does not fit the option's type: a programming error, not a configuration error. */
  static void expect(JwtOption option, OptionType type) {
    if (option.type() != type) {
      throw new IllegalArgumentException(option.key() + " is " + option.type() + ", not " + type);
    }
  }
}
