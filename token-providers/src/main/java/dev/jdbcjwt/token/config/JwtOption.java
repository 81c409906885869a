package dev.jdbcjwt.token.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code jwt.*} option, in one place: name, type, default, choices and description. Parsing, validation, the
 * JDBC driver's {@code getPropertyInfo} and {@code docs/configuration.md} are all derived from this enum.
 */
public enum JwtOption {

  // ---- common ----
  PROVIDER("jwt.provider", Group.COMMON, OptionType.TEXT, null,
      "Name of the token source: static, file, signed, or a third-party provider on the class path. Required."),
  USER_CLAIM("jwt.userClaim", Group.COMMON, OptionType.TEXT, null,
      "Take the database user from this claim of the token (e.g. sub, preferred_username) instead of the 'user' "
          + "property."),
  TOKEN_PROPERTY("jwt.tokenProperty", Group.COMMON, OptionType.TEXT, "password",
      "The vendor driver property that receives the token."),
  CLOCK_SKEW("jwt.clockSkew", Group.COMMON, OptionType.DURATION, "30s",
      "A token is treated as expired this long before its 'exp', to absorb clock differences and connection set-up "
          + "time."),
  REFRESH_AHEAD("jwt.refreshAhead", Group.COMMON, OptionType.SHARE_OR_DURATION, "25%",
      "Refresh the token in the background when this share of its lifetime (e.g. 25%) or this duration (e.g. 2m) "
          + "remains; connections keep using the current token meanwhile."),
  ON_EXPIRY("jwt.onExpiry", Group.COMMON, OptionType.CHOICE, "evict",
      "What happens to a connection when its token expires: evict (isValid() turns false, so pools replace it; a "
          + "holder may keep using it), close (the connection is aborted at the token's expiry even if in use), none.",
      "evict", "close", "none"),
  FETCH_TIMEOUT("jwt.fetchTimeout", Group.COMMON, OptionType.DURATION, "10s",
      "How long a connection waits for a token when none is valid (cold start, or the identity provider is slow) "
          + "before failing with SQLState 08001."),

  // ---- static ----
  TOKEN("jwt.token", Group.STATIC, OptionType.SECRET, null,
      "The token itself, or a reference to it: env:NAME or file:/path. Required by provider 'static'."),

  // ---- file ----
  TOKEN_FILE("jwt.tokenFile", Group.FILE, OptionType.PATH, null,
      "A file holding the token (e.g. a Kubernetes projected service-account token); re-read when it changes. "
          + "Required by provider 'file'."),

  // ---- signed ----
  SIGNING_KEY("jwt.signingKey", Group.SIGNED, OptionType.SECRET, null,
      "Private key that signs the token: PEM (PKCS#8, 'BEGIN PRIVATE KEY') or JWK, RSA, EC or Ed25519; usually a "
          + "reference: file:/path/key.pem or env:NAME. Required by provider 'signed'."),
  KEY_ID("jwt.keyId", Group.SIGNED, OptionType.TEXT, null,
      "Key id put in the token header ('kid'); defaults to the JWK's own kid, if any."),
  ALGORITHM("jwt.algorithm", Group.SIGNED, OptionType.CHOICE, null,
      "Signature algorithm; defaults to what the key implies (RSA: RS256, EC P-256: ES256, Ed25519: EdDSA).",
      "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"),
  ISSUER("jwt.issuer", Group.SIGNED, OptionType.TEXT, null,
      "The token's issuer ('iss'); the database checks it."),
  SUBJECT("jwt.subject", Group.SIGNED, OptionType.TEXT, null,
      "The token's subject ('sub'); defaults to the connection's 'user'."),
  AUDIENCE("jwt.audience", Group.SIGNED, OptionType.TEXT, null,
      "The token's audience ('aud'); several separated by commas."),
  TTL("jwt.ttl", Group.SIGNED, OptionType.DURATION, "15m",
      "Lifetime of each minted token."),
  CLAIM("jwt.claim.", Group.SIGNED, OptionType.PREFIX, null,
      "Extra claims: jwt.claim.<name>=<value> adds claim <name> with a text value.");

  /** Which part of the product an option belongs to; orders the documentation. */
  public enum Group {
    COMMON("Common options"),
    STATIC("Provider 'static'"),
    FILE("Provider 'file'"),
    SIGNED("Provider 'signed'");

    private final String title;

    Group(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /** The prefix every option of this product starts with. */
  public static final String PREFIX = "jwt.";

  private static final Map<String, JwtOption> BY_KEY = Arrays.stream(values())
      .filter(o -> o.type != OptionType.PREFIX)
      .collect(Collectors.toUnmodifiableMap(JwtOption::key, Function.identity()));

  private final String key;
  private final Group group;
  private final OptionType type;
  private final String defaultValue;
  private final String description;
  private final List<String> choices;

  JwtOption(String key, Group group, OptionType type, String defaultValue, String description, String... choices) {
    this.key = key;
    this.group = group;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.choices = List.of(choices);
  }

  public String key() {
    return key;
  }

  public Group group() {
    return group;
  }

  public OptionType type() {
    return type;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  public List<String> choices() {
    return choices;
  }

  public boolean isSecret() {
    return type == OptionType.SECRET;
  }

  /** The option named {@code key}, or for {@code jwt.claim.x} the prefix option. */
  public static Optional<JwtOption> forKey(String key) {
    JwtOption exact = BY_KEY.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    return key.startsWith(CLAIM.key) && key.length() > CLAIM.key.length() ? Optional.of(CLAIM) : Optional.empty();
  }

  /** The option whose name is closest to {@code unknownKey} (case-insensitive edit distance), if any is close. */
  public static Optional<JwtOption> closestTo(String unknownKey) {
    String wanted = unknownKey.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .min(Comparator.comparingInt(o -> distance(wanted, o.key.toLowerCase(Locale.ROOT))))
        .filter(o -> distance(wanted, o.key.toLowerCase(Locale.ROOT)) <= Math.max(3, wanted.length() / 3));
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
