package dev.jdbcjwt.token.providers.exec;

import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.JwtOption;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code jwt.command} into a program and its arguments the way a POSIX shell splits words, without anything
 * else a shell does (no variables, globs, pipes or redirections): whitespace separates words, {@code '...'} keeps
 * text literally, {@code "..."} keeps text with {@code \"} and {@code \\} escapes, and outside quotes {@code \} escapes
 * the next character.
 */
final class CommandLine {

  private static final String KEY = JwtOption.COMMAND.key();

  private CommandLine() {
  }

  static List<String> split(String command) throws TokenException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        i = singleQuoted(command, i + 1, word);
        inWord = true;
      } else if (c == '"') {
        i = doubleQuoted(command, i + 1, word);
        inWord = true;
      } else if (c == '\\') {
        i = escaped(command, i + 1, word);
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return program(words);
  }

  private static List<String> program(List<String> words) throws TokenException {
    if (words.isEmpty() || words.get(0).isEmpty()) {
      throw TokenException.configuration(KEY + " names no program; give e.g. "
          + "jwt.command=az account get-access-token --resource https://ossrdbms-aad.database.windows.net -o json");
    }
    return List.copyOf(words);
  }

  /** Appends the single-quoted text starting at {@code from}; returns the index of the closing quote. */
  private static int singleQuoted(String command, int from, StringBuilder word) throws TokenException {
    int end = command.indexOf('\'', from);
    if (end < 0) {
      throw unbalanced("'");
    }
    word.append(command, from, end);
    return end;
  }

  /** Appends the character at {@code at}, escaped by the backslash before it; returns its index. */
  private static int escaped(String command, int at, StringBuilder word) throws TokenException {
    if (at == command.length()) {
      throw TokenException.configuration(KEY + " ends with a lone backslash");
    }
    word.append(command.charAt(at));
    return at;
  }

  /** Appends the double-quoted text starting at {@code from}; returns the index of the closing quote. */
  private static int doubleQuoted(String command, int from, StringBuilder word) throws TokenException {
    for (int i = from; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '"') {
        return i;
      }
      if (c == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
        word.append(command.charAt(++i));
      } else {
        word.append(c);
      }
    }
    throw unbalanced("\"");
  }

  private static TokenException unbalanced(String quote) {
    return TokenException.configuration(KEY + " has an unclosed " + quote + " quote");
  }
}
