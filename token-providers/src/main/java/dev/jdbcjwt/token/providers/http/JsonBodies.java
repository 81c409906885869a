package dev.jdbcjwt.token.providers.http;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import net.minidev.json.JSONObject;

/**
 * Parses the JSON object an identity provider answers with (nimbus, json-smart), after refusing numbers longer than
 * {@value #MAX_NUMBER_CHARS} characters: json-smart turns a long integer into a {@code BigInteger} in time quadratic
 * in its length (a million digits, within the 1 MiB response limit, took half a minute). Nesting depth is limited by
 * json-smart itself. Public for the other built-in providers; internal like its package.
 */
public final class JsonBodies {

  /** Longer than any lifetime, date or count a token response or discovery document carries. */
  static final int MAX_NUMBER_CHARS = 100;

  private JsonBodies() {
  }

  /**
   * @throws ParseException if {@code body} is null, not JSON, not an object, or has an overlong number; the message
   *     names the problem without quoting the body
   */
  public static JSONObject parseObject(String body) throws ParseException {
    if (body != null && hasOverlongNumber(body)) {
      throw new ParseException("Invalid JSON: a number of more than " + MAX_NUMBER_CHARS + " characters");
    }
    return JSONObjectUtils.parse(body);
  }

  /** True when, outside string literals, a run of number characters is longer than the limit. */
  static boolean hasOverlongNumber(String json) {
    boolean inString = false;
    int run = 0;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++; // the escaped character cannot end the string
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
        run = 0;
      } else if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        if (++run > MAX_NUMBER_CHARS) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }
}
