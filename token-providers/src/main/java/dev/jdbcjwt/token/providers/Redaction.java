package dev.jdbcjwt.token.providers;

import java.util.regex.Pattern;

/**
 * Makes text from outside (a command's stderr, an identity provider's error description) fit for a message: tokens,
 * secret-looking values and long opaque strings replaced by {@code <redacted>}, whitespace folded to one line, length
 * bounded. Public for the other built-in providers; not an API for users.
 */
public final class Redaction {

  private static final String REDACTED = "<redacted>";
  /** A compact JWS or JWE (base64url parts joined by dots), as in "eyJhbGciOi...". */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){2,4}");
  /** {@code secret=...}, {@code "access_token": "..."}, {@code Authorization: Bearer ...} and the like. */
  private static final Pattern ASSIGNED_SECRET = Pattern.compile(
      "(?i)((?:secret|password|passwd|token|assertion|authorization|api[_-]?key|credential)[A-Za-z_-]*"
          + "[\"']?\\s*[:=]\\s*(?:bearer\\s+|basic\\s+)?[\"']?)[^\\s\"',;&]+");
  /** Any run of 32 or more token characters (dots excepted, so host names stay): opaque tokens, keys, base64. */
  private static final Pattern LONG_OPAQUE = Pattern.compile("[A-Za-z0-9+/_~=-]{32,}");

  private Redaction() {
  }

  /** {@code text} redacted and folded to one line of at most {@code maxChars} characters. */
  public static String redact(String text, int maxChars) {
    if (text == null) {
      return "";
    }
    String t = JWT.matcher(text).replaceAll(REDACTED);
    t = ASSIGNED_SECRET.matcher(t).replaceAll("$1" + REDACTED);
    t = LONG_OPAQUE.matcher(t).replaceAll(REDACTED);
    t = t.replaceAll("\\s+", " ").strip();
    return t.length() <= maxChars ? t : t.substring(0, Math.max(0, maxChars - 1)) + "…";
  }
}
