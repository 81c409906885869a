package dev.jdbcjwt.token.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as people write them: {@code 90s}, {@code 15m}, {@code 1h}, {@code 500ms}, {@code 2d}, combinations
 * such as {@code 1h30m} (what {@link #format} writes), and ISO-8601 ({@code PT90S}).
 */
public final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
  private static final Pattern SIMPLE = Pattern.compile("(?:\\d{1,12}\\s*(?:ms|s|m|h|d)\\s*)+");

  private Durations() {
  }

  /**
   * Parses a duration in the short form ({@code 90s}, {@code 15m}, {@code 1h30m}, {@code 500ms}) or ISO-8601
   * ({@code PT90S}).
   *
   * @param text the text
   * @return the duration
   * @throws IllegalArgumentException with a message that shows accepted forms (the text itself is not a secret)
   */
  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (SIMPLE.matcher(t).matches()) {
      Duration total = Duration.ZERO;
      Matcher m = PART.matcher(t);
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms": total = total.plusMillis(n); break;
          case "s": total = total.plusSeconds(n); break;
          case "m": total = total.plusMinutes(n); break;
          case "h": total = total.plusHours(n); break;
          default: total = total.plusDays(n);
        }
      }
      return total;
    }
    if (t.startsWith("p") || t.startsWith("-p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // fall through to the common message
      }
    }
    throw new IllegalArgumentException(Quote.of(text) + " is not a duration; write e.g. 90s, 15m, 1h, 500ms or PT90S");
  }

  /**
   * Short human form: 90s, 15m, 1h30m.
   *
   * @param d the duration
   * @return the text
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    if (d.getSeconds() == 0 && !d.isZero()) { // not toMillis(): it overflows for durations of 292 million years
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      b.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0 || b.length() == 0) {
      b.append(s).append('s');
    }
    return b.toString();
  }
}
