package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.SecretReference;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what of a value or a text may be printed: cache labels, {@code check} output,
 * {@code getPropertyInfo}, {@code toString()}, events, metric tags, health keys and log lines all go through it.
 * <ul>
 *   <li>{@link #option}: an option's value for display: secrets as {@value #REDACTED} (an {@code env:}/{@code file:}
 *       reference is shown, it is not the secret), endpoints as scheme, host, port and path, a command as its program
 *       name;</li>
 *   <li>{@link #redact}: text from outside (a command's stderr, an identity provider's error description): tokens,
 *       the configuration's own secret values, secret-looking assignments and arguments, URL user information and
 *       long opaque strings replaced, whitespace folded to one line, length bounded.</li>
 * </ul>
 * Public for the other modules and providers of this library; internal like its package (package-info).
 */
public final class Redaction {

  /** What stands in for anything not shown. */
  public static final String REDACTED = "<redacted>";
  /** Known secret values shorter than this are not searched for (they would match ordinary words). */
  static final int MIN_KNOWN_SECRET = 4;

  /** Options whose values are URLs: shown without user information, query or fragment. */
  private static final Set<JwtOption> ENDPOINTS = Set.of(JwtOption.ISSUER, JwtOption.TOKEN_ENDPOINT,
      JwtOption.IDENTITY_ENDPOINT, JwtOption.METADATA_ENDPOINT, JwtOption.AUDIENCE, JwtOption.RESOURCE,
      JwtOption.ASSERTION_AUDIENCE, JwtOption.ASSERTION_ISSUER);

  /** A compact JWS or JWE (base64url parts joined by dots), as in "eyJhbGciOi...". */
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){2,4}");
  /** {@code https://user:password@host}: the user information of any URL. */
  private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s@?#]+@");
  /**
   * Command-line arguments that carry a secret: {@code --client-secret X}, {@code --client-secret=X},
   * {@code --token X}, {@code --password X}, {@code --api-key X} (any flag whose name ends in secret, token, password,
   * passwd, api-key or credential(s)). Short flags such as {@code -p} are not treated so: they mean a port as
   * often as a password.
   */
  private static final Pattern SECRET_ARGUMENT = Pattern.compile(
      "(?i)(--[A-Za-z0-9_-]*(?:secret|token|password|passwd|api[_-]?key|credentials?))(=|\\s+)"
          + "(\"[^\"]*\"|'[^']*'|[^\\s\"']+)");
  /** {@code secret=...}, {@code "access_token": "..."}, {@code Authorization: Bearer ...} and the like. */
  private static final Pattern ASSIGNED_SECRET = Pattern.compile(
      "(?i)((?:secret|password|passwd|token|assertion|authorization|api[_-]?key|credential)[A-Za-z_-]*"
          + "[\"']?\\s*[:=]\\s*(?:bearer\\s+|basic\\s+)?[\"']?)[^\\s\"',;&]+");
  /** Any run of 32 or more token characters (dots excepted, so host names stay): opaque tokens, keys, base64. */
  private static final Pattern LONG_OPAQUE = Pattern.compile("[A-Za-z0-9+/_~=-]{32,}");

  /** The secrets of the configuration whose token is being fetched on this thread ({@link #withKnownSecrets}). */
  private static final ThreadLocal<Collection<String>> KNOWN = new ThreadLocal<>();

  /** A call that may throw. */
  @FunctionalInterface
  public interface Call<T, E extends Exception> {
    T call() throws E;
  }

  private Redaction() {
  }

  /**
   * Runs {@code call} with {@code known} as secrets that every {@link #redact} on this thread also removes: the token
   * cache wraps each fetch in it, so an identity provider's error text or a command's stderr that echoes the
   * configuration's own secret is cleaned where it is first put into a message.
   */
  public static <T, E extends Exception> T withKnownSecrets(Collection<String> known, Call<T, E> call) throws E {
    Collection<String> before = KNOWN.get();
    KNOWN.set(before == null ? known : java.util.stream.Stream.concat(before.stream(), known.stream()).toList());
    try {
      return call.call();
    } finally {
      if (before == null) {
        KNOWN.remove();
      } else {
        KNOWN.set(before);
      }
    }
  }

  /** {@code text} redacted and folded to one line of at most {@code maxChars} characters. */
  public static String redact(String text, int maxChars) {
    return redact(text, maxChars, List.of());
  }

  /**
   * As {@link #redact(String, int)}, also replacing every occurrence of the {@code known} secret values (the
   * configuration's own client secret, say, echoed back in an identity provider's error text), besides those of
   * {@link #withKnownSecrets} on this thread.
   */
  public static String redact(String text, int maxChars, Collection<String> known) {
    if (text == null) {
      return "";
    }
    String t = withoutKnown(text, known);
    Collection<String> onThisThread = KNOWN.get();
    if (onThisThread != null) {
      t = withoutKnown(t, onThisThread);
    }
    t = JWT.matcher(t).replaceAll(REDACTED);
    t = URL_USER_INFO.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "@");
    t = SECRET_ARGUMENT.matcher(t).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    t = ASSIGNED_SECRET.matcher(t).replaceAll("$1" + Matcher.quoteReplacement(REDACTED));
    t = LONG_OPAQUE.matcher(t).replaceAll(REDACTED);
    t = t.replaceAll("\\s+", " ").strip();
    return t.length() <= maxChars ? t : t.substring(0, Math.max(0, maxChars - 1)) + "…";
  }

  /** {@code text} with each of the {@code known} values (longest first) replaced; unbounded, not folded. */
  public static String withoutKnown(String text, Collection<String> known) {
    if (text == null || known.isEmpty()) {
      return text;
    }
    String t = text;
    List<String> longestFirst = known.stream().filter(k -> k != null && k.length() >= MIN_KNOWN_SECRET)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String k : longestFirst) {
      t = t.replace(k, REDACTED);
    }
    return t;
  }

  /**
   * How the value of option {@code key} may be printed: a literal secret as {@value #REDACTED} (a reference such as
   * {@code env:NAME} is shown), an endpoint as {@link #endpoint}, {@code jwt.command} as {@link #program}; an unknown
   * key's value is not shown.
   */
  public static String option(String key, String value) {
    if (value == null) {
      return null;
    }
    JwtOption option = JwtOption.forKey(key).orElse(null);
    if (option == null) {
      return REDACTED;
    }
    if (option.isSecret()) {
      return SecretReference.isLiteralSecret(key, value) ? REDACTED : value.strip();
    }
    if (option == JwtOption.COMMAND) {
      return program(value);
    }
    if (ENDPOINTS.contains(option) || value.contains("://")) {
      return endpoints(value);
    }
    return value;
  }

  /** A list of URLs (as {@code jwt.audience} may be), each shown as {@link #endpoint}. */
  private static String endpoints(String value) {
    if (!value.contains("://")) {
      return endpoint(value);
    }
    StringBuilder b = new StringBuilder();
    for (String part : value.split("(?<=[\\s,])")) {
      String word = part.strip();
      String sep = part.substring(part.stripTrailing().length());
      b.append(word.isEmpty() ? "" : endpoint(word.replaceAll(",$", ""))).append(word.endsWith(",") ? "," : "")
          .append(sep);
    }
    return b.toString().strip();
  }

  /**
   * {@code scheme://host[:port]/path} of a URL, without user information, query or fragment (they may carry
   * secrets); text that is no URL loses anything after {@code ?} or {@code #} and before an {@code @}.
   */
  public static String endpoint(String url) {
    if (url == null) {
      return null;
    }
    String t = url.strip();
    try {
      URI uri = new URI(t);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
            + (uri.getRawPath() == null ? "" : uri.getRawPath());
      }
    } catch (URISyntaxException e) {
      // described as text below
    }
    int cut = t.length();
    for (char c : new char[] {'?', '#', ' ', '\t'}) {
      int i = t.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    String head = t.substring(0, cut);
    int scheme = head.indexOf("://");
    int at = head.lastIndexOf('@');
    if (at >= 0) {
      head = (scheme >= 0 && scheme < at ? head.substring(0, scheme + 3) : "") + head.substring(at + 1);
    }
    return cut < t.length() ? head + " (" + REDACTED + ")" : head;
  }

  /**
   * The program of a command line: the base name of its first word (quotes honoured), never its arguments, which may
   * carry secrets ({@code vault read --token=…}, {@code get-token --api-key X}).
   */
  public static String program(String command) {
    if (command == null) {
      return null;
    }
    String t = command.strip();
    String first;
    if (!t.isEmpty() && (t.charAt(0) == '\'' || t.charAt(0) == '"')) {
      int end = t.indexOf(t.charAt(0), 1);
      first = end < 0 ? t.substring(1) : t.substring(1, end);
    } else {
      int end = 0;
      while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
        end++;
      }
      first = t.substring(0, end);
    }
    int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
    String name = slash >= 0 ? first.substring(slash + 1) : first;
    return name.isEmpty() ? REDACTED : name;
  }
}
