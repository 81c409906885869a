package dev.jdbcjwt.testing.leaks;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Exceptions that third-party test infrastructure (never our library, never a database driver) constructs with a
 * token in their message, as part of the test's own plumbing rather than of anything a user would see. Each rule
 * names one exception class and the shape of its message, and says why it is harmless; keep this list short.
 */
final class ExceptionAllowRules {

  /** One allowed kind of exception message. */
  record Rule(String exceptionClass, Pattern message, String why) {
  }

  static final ExceptionAllowRules NONE = new ExceptionAllowRules(List.of());

  /**
   * The rules of the suite-wide watch. Empty: no third-party test library (WireMock, mock-oauth2-server, Spring, jqwik)
   * has needed one so far. Add a rule only for test plumbing, never for our code or a database driver.
   */
  static final ExceptionAllowRules TEST_INFRASTRUCTURE = new ExceptionAllowRules(List.of());

  private final List<Rule> rules;

  ExceptionAllowRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  boolean allows(String exceptionClass, String message) {
    for (Rule rule : rules) {
      if (rule.exceptionClass().equals(exceptionClass) && rule.message().matcher(message).matches()) {
        return true;
      }
    }
    return false;
  }
}
