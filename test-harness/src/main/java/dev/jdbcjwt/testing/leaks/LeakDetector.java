package dev.jdbcjwt.testing.leaks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Recognises what must never show: anything shaped like a JWT (base64url JSON header and payload) and the secrets
 * registered with it. The suite shares {@link #SHARED}; the harness's own tests make private detectors, so that a
 * secret they leak on purpose is unknown to the suite-wide watch.
 */
public final class LeakDetector {

  /** The detector of {@link LeakWatch}: {@link LeakWatch#registerSecret} adds to it. */
  static final LeakDetector SHARED = new LeakDetector();

  private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{6,}\\.eyJ[A-Za-z0-9_-]{6,}");
  private static final int SHORTEST_SECRET = 8;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Marks {@code secret} as something no text may contain (ignored below 8 characters: too many false hits). */
  public void register(String secret) {
    if (secret != null && secret.length() >= SHORTEST_SECRET) {
      secrets.add(secret);
    }
  }

  /** The leaks in {@code text}: descriptions that never repeat the secret itself. Empty for null. */
  public List<String> leaksIn(String text) {
    List<String> found = new ArrayList<>(0);
    if (text == null || text.isEmpty()) {
      return found;
    }
    if (text.contains("eyJ") && JWT_SHAPE.matcher(text).find()) {
      found.add("a JWT-shaped token");
    }
    for (String s : secrets) {
      if (text.contains(s)) {
        found.add("a registered secret of " + s.length() + " characters");
      }
    }
    return found;
  }

  /** {@link #leaksIn} with {@code where} appended to each description. */
  List<String> leaksIn(String text, String where) {
    List<String> found = leaksIn(text);
    found.replaceAll(leak -> leak + " " + where);
    return found;
  }
}
