package dev.jdbcjwt.token.config;

/**
 * A user's text as error messages show it: in quotes, cut after {@value #MAX} characters with its length, so that
 * a megabyte pasted into an option yields a one-line message, not the megabyte back. Never for secrets: their
 * messages name the option, not the value.
 */
public final class Quote {

  static final int MAX = 60;

  private Quote() {
  }

  /**
   * {@code text} in single quotes for an error message, shortened when long; never use it for a secret.
   *
   * @param text a value that is not secret
   * @return the quoted text
   */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    if (text.length() <= MAX) {
      return "'" + text + "'";
    }
    return "'" + text.substring(0, MAX) + "…' (" + text.length() + " characters)";
  }
}
