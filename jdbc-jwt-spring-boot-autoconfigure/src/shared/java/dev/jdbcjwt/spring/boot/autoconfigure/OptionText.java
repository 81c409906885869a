package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OptionChoice;

import java.time.Duration;
import java.util.Map;

/**
 * Writes a bound Spring Boot property as the driver's text for its {@link JwtOption}: the one conversion the
 * generated {@link TokenSourceProperties#toOptions()} uses for every option.
 */
final class OptionText {

  private OptionText() {
  }

  /** Puts {@code value} under the option's key in the driver's text form; an unset ({@code null}) value is left out. */
  static void put(Map<String, String> options, JwtOption option, Object value) {
    if (value != null) {
      options.put(option.key(), text(value));
    }
  }

  /** Puts each entry of a prefix option ({@code jwt.claim.<name>}) under the prefix plus its name. */
  static void putPrefixed(Map<String, String> options, JwtOption prefix, Map<String, String> values) {
    values.forEach((name, value) -> {
      if (value != null) {
        options.put(prefix.key() + name, value);
      }
    });
  }

  private static String text(Object value) {
    if (value instanceof Duration d) {
      return text(d);
    }
    if (value instanceof OptionChoice c) {
      return c.optionValue();
    }
    return value.toString();
  }

  /** Exact, in the largest single unit the driver reads: 90s, 15m, 2h, 1500ms (it does not read 1m30s). */
  static String text(Duration d) {
    if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
      return d.toString(); // ISO-8601; the driver reports a negative one by name
    }
    long millis = d.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds != 0 && seconds % 3600 == 0 ? seconds / 3600 + "h"
        : seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
