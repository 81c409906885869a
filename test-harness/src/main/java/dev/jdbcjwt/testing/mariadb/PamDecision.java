package dev.jdbcjwt.testing.mariadb;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One decision of the server's PAM module, as written to {@link MariaDbServer#pamLog()}: who tried to log in,
 * whether the token was accepted, and why (e.g. {@code token expired}, {@code wrong audience}, {@code bad signature},
 * {@code unknown key id <kid>}, {@code subject <sub> is not the login user}). Never contains the token.
 */
public record PamDecision(Instant time, String user, boolean accepted, String reason) {

  private static final Pattern LINE =
      Pattern.compile("^(\\S+) user=(\\S*) result=(accepted|refused) reason=(.*)$");

  /** Parses one log line; empty for lines in another format. */
  public static Optional<PamDecision> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new PamDecision(Instant.parse(m.group(1)), m.group(2), "accepted".equals(m.group(3)),
          m.group(4)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
