package dev.jdbcjwt.token.config;

import java.util.Locale;

/**
 * A constant of an enum that is the value type of a {@link OptionType#CHOICE} option. The option's choices, their
 * validation, {@code getPropertyInfo}, the docs and the Spring Boot metadata all come from the enum's constants.
 */
public interface OptionChoice {

  /**
   * The text that selects this constant; by default the constant's name in lower case.
   *
   * @return the option value
   */
  default String optionValue() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }
}
