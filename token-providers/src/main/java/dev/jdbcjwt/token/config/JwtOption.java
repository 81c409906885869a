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
      "Name of the token source: static, file, signed, client-credentials, token-exchange, jwt-bearer, exec, "
          + "azure-managed-identity, gcp-metadata, aws-rds-iam, or a third-party provider on the class path. Required."),
  USER_CLAIM(Origin.URL_ALLOWED, "jwt.userClaim", Group.COMMON, OptionType.TEXT, null,
      "Take the database user from this claim of the token (e.g. sub, preferred_username) instead of the 'user' "
          + "property."),
  TOKEN_PROPERTY("jwt.tokenProperty", Group.COMMON, OptionType.TEXT, "password",
      "The vendor driver property that receives the token."),
  CLOCK_SKEW(Origin.URL_ALLOWED, "jwt.clockSkew", Group.COMMON, OptionType.DURATION, "30s",
      "A token is treated as expired this long before its 'exp', to absorb clock differences and connection set-up "
          + "time."),
  REFRESH_AHEAD(Origin.URL_ALLOWED, "jwt.refreshAhead", Group.COMMON, OptionType.SHARE_OR_DURATION, "25%",
      "Refresh the token in the background when this share of its lifetime (e.g. 25%) or this duration (e.g. 2m) "
          + "remains; connections keep using the current token meanwhile."),
  MIN_TOKEN_LIFE(Origin.URL_ALLOWED, "jwt.minTokenLife", Group.COMMON, OptionType.SHARE_OR_DURATION, "10%",
      "A new connection never logs in with a token that stays usable for less than this share of its usable "
          + "lifetime (e.g. 10%) or this duration (e.g. 7m, a pool's maxLifetime); when the current token has less "
          + "left, the connect waits for the refresh (at most jwt.fetchTimeout) and the background refresh moves "
          + "early enough that it rarely has to. If the identity provider fails, the still-usable token is used. "
          + "Capped at half the token's lifetime less jwt.clockSkew and the refresh jitter, so that it costs at "
          + "most two token requests per lifetime; 0s turns it off. Connections sharing a token configuration "
          + "share its cache whatever this says."),
  ON_EXPIRY(Origin.URL_ALLOWED, "jwt.onExpiry", Group.COMMON, OnExpiry.class, "evict",
      "What happens to a connection when its token expires: evict (isValid() turns false, so pools replace it; a "
          + "holder may keep using it), close (the connection is aborted at the token's expiry even if in use), none."),
  FETCH_TIMEOUT(Origin.URL_ALLOWED, "jwt.fetchTimeout", Group.COMMON, OptionType.DURATION, "10s",
      "How long a connection waits for a token when none is valid (cold start, or the identity provider is slow) "
          + "before failing with SQLState 08001."),
  ALLOW_UNVERIFIED_TLS("jwt.allowUnverifiedTls", Group.COMMON, OptionType.BOOLEAN, "false",
      "Send the token even when the database connection does not verify the server's certificate (pgjdbc sslmode "
          + "other than verify-full/verify-ca, Connector/J sslMode other than VERIFY_IDENTITY/VERIFY_CA, MariaDB "
          + "sslMode other than verify-full/verify-ca) and the host is not loopback or a Unix socket; also silences "
          + "the warning for vendors whose TLS settings are not known. The server, or anyone in between, can then "
          + "take the token. Application configuration only (connection properties), never the URL."),

  // ---- session set-up ----
  ROLE_CLAIM(Origin.URL_ALLOWED, "jwt.roleClaim", Group.SESSION, OptionType.TEXT, null,
      "After login, switch to the database role named by this claim of the token (SET ROLE); a claim holding a "
          + "list takes its first element. The database still checks that the login user may take the role."),
  SESSION_CLAIMS(Origin.URL_ALLOWED, "jwt.sessionClaims", Group.SESSION, OptionType.BOOLEAN, "false",
      "PostgreSQL: after login, publish the token's claims into the session for row-level security, as PostgREST "
          + "does: request.jwt.claims (the JSON claim set) and request.jwt.claim.<name> for each top-level text "
          + "claim. For trusted application servers only: any client could set these settings itself."),

  // ---- PostgreSQL 18+ oauth ----
  POSTGRES_OAUTH(Origin.URL_ALLOWED, "jwt.postgresOAuth", Group.POSTGRESQL, PostgresOAuthMode.class, "auto",
      "PostgreSQL 18+ native OAuth (pg_hba.conf method 'oauth', SASL OAUTHBEARER) through pgjdbc: auto (answer a "
          + "server that asks for OAUTHBEARER with the token; other servers get it as the password), require (only "
          + "OAUTHBEARER: the token is never sent as a password and any other server is refused), off (never answer "
          + "OAUTHBEARER)."),

  // ---- static ----
  TOKEN(Origin.URL_ALLOWED, "jwt.token", Group.STATIC, OptionType.SECRET, null,
      "The token itself, or a reference to it: env:NAME or file:/path. Required by provider 'static'."),

  // ---- file ----
  TOKEN_FILE("jwt.tokenFile", Group.FILE, OptionType.PATH, null,
      "A file holding the token (e.g. a Kubernetes projected service-account token); re-read when it changes. "
          + "Required by provider 'file'."),

  // ---- signed ----
  SIGNING_KEY("jwt.signingKey", Group.SIGNED, OptionType.SECRET, null,
      "Private key that signs the token: PEM (PKCS#8, 'BEGIN PRIVATE KEY') or JWK, RSA, EC or Ed25519; usually a "
          + "reference: file:/path/key.pem (re-read when the file changes, for key rotation) or env:NAME. Required by "
          + "provider 'signed'."),
  KEY_ID("jwt.keyId", Group.SIGNED, OptionType.TEXT, null,
      "Key id put in the token header ('kid'); defaults to the JWK's own kid, else the public key's RFC 7638 "
          + "thumbprint (what the jwks command prints). Leave it out to rotate keys by replacing the key file."),
  ALGORITHM("jwt.algorithm", Group.SIGNED, SigningAlgorithm.class, null,
      "Signature algorithm; defaults to what the key implies (RSA: RS256, EC P-256: ES256, Ed25519: EdDSA)."),
  ISSUER("jwt.issuer", Group.SIGNED, OptionType.TEXT, null,
      "The token's issuer ('iss'); the database checks it. For the OAuth providers (client-credentials, "
          + "token-exchange, jwt-bearer): the identity provider's issuer URL, whose "
          + "/.well-known/openid-configuration gives the token endpoint."),
  SUBJECT("jwt.subject", Group.SIGNED, OptionType.TEXT, null,
      "The token's subject ('sub'); defaults to the connection's 'user'. For jwt-bearer: the subject of the "
          + "locally signed assertion."),
  AUDIENCE("jwt.audience", Group.SIGNED, OptionType.TEXT, null,
      "The token's audience ('aud'); several separated by commas. For the OAuth providers: the 'audience' "
          + "parameter of the token request."),
  TTL("jwt.ttl", Group.SIGNED, OptionType.DURATION, "15m",
      "Lifetime of each minted token."),
  CLAIM("jwt.claim.", Group.SIGNED, OptionType.PREFIX, null,
      "Extra claims: jwt.claim.<name>=<value> adds claim <name> with a text value."),

  // ---- connections to identity providers (every HTTP-based provider) ----
  ALLOW_INSECURE_HTTP("jwt.allowInsecureHttp", Group.HTTP, OptionType.BOOLEAN, "false",
      "Allow plain http:// identity provider endpoints on other hosts than loopback (127.0.0.0/8, ::1, localhost) "
          + "and the cloud metadata addresses. Tokens and client secrets then cross the network unencrypted: for "
          + "tests only."),
  HTTP_TIMEOUT(Origin.URL_ALLOWED, "jwt.httpTimeout", Group.HTTP, OptionType.DURATION, "5s",
      "Connect timeout of each request to an identity provider or metadata endpoint, and how long to wait for "
          + "its answer to start (the whole answer must arrive within twice this)."),
  TRUST_STORE("jwt.trustStore", Group.HTTP, OptionType.PATH, null,
      "Certificates trusted for HTTPS to the identity provider instead of the JDK's default ones: a PEM file of "
          + "CA certificates, or a PKCS#12 or JKS trust store."),
  TRUST_STORE_PASSWORD("jwt.trustStorePassword", Group.HTTP, OptionType.SECRET, null,
      "Password of a PKCS#12 or JKS jwt.trustStore, if it has one; env:NAME or file:/path."),

  // ---- client-credentials (and the client of the other OAuth grants) ----
  TOKEN_ENDPOINT("jwt.tokenEndpoint", Group.CLIENT_CREDENTIALS, OptionType.TEXT, null,
      "The identity provider's token endpoint URL; when absent it is found by OpenID Connect discovery from "
          + "jwt.issuer (cached per issuer)."),
  CLIENT_ID("jwt.clientId", Group.CLIENT_CREDENTIALS, OptionType.TEXT, null,
      "The OAuth client id. Required by client-credentials. For azure-managed-identity: the client id of a "
          + "user-assigned identity."),
  CLIENT_SECRET("jwt.clientSecret", Group.CLIENT_CREDENTIALS, OptionType.SECRET, null,
      "The OAuth client secret (client_secret_basic or client_secret_post); usually a reference: env:NAME or "
          + "file:/path."),
  CLIENT_ASSERTION_KEY("jwt.clientAssertionKey", Group.CLIENT_CREDENTIALS, OptionType.SECRET, null,
      "Private key for private_key_jwt client authentication (RFC 7523): PEM PKCS#8 or JWK, RSA, EC or Ed25519; "
          + "signed with jwt.algorithm (default: what the key implies) and header 'kid' jwt.keyId."),
  CLIENT_AUTH_METHOD("jwt.clientAuthMethod", Group.CLIENT_CREDENTIALS, ClientAuthMethod.class, null,
      "How the client authenticates at the token endpoint; defaults to private_key_jwt with "
          + "jwt.clientAssertionKey, client_secret_basic with jwt.clientSecret, else none."),
  SCOPE("jwt.scope", Group.CLIENT_CREDENTIALS, OptionType.TEXT, null,
      "Scopes to request, separated by spaces or commas. For gcp-metadata: the 'scopes' of the metadata request."),
  RESOURCE("jwt.resource", Group.CLIENT_CREDENTIALS, OptionType.TEXT, null,
      "The 'resource' parameter (RFC 8707) of the token request, an absolute URI. For azure-managed-identity: the "
          + "resource the token is for (default https://ossrdbms-aad.database.windows.net)."),

  // ---- token-exchange ----
  SUBJECT_TOKEN_FILE("jwt.subjectTokenFile", Group.TOKEN_EXCHANGE, OptionType.PATH, null,
      "A file holding the subject token to exchange (e.g. a Kubernetes projected service-account token); read "
          + "at every exchange."),
  SUBJECT_TOKEN_PROVIDER("jwt.subjectTokenProvider", Group.TOKEN_EXCHANGE, OptionType.TEXT, null,
      "Instead of jwt.subjectTokenFile: another provider (e.g. exec, azure-managed-identity, signed) whose token "
          + "is exchanged; it reads its own options from the same configuration."),
  SUBJECT_TOKEN_TYPE("jwt.subjectTokenType", Group.TOKEN_EXCHANGE, OptionType.TEXT, "jwt",
      "Type of the subject token: a URI, or jwt, access_token, id_token, refresh_token, saml1, saml2 for "
          + "urn:ietf:params:oauth:token-type:<name>."),
  REQUESTED_TOKEN_TYPE("jwt.requestedTokenType", Group.TOKEN_EXCHANGE, OptionType.TEXT, null,
      "Type of token to ask for (same forms as jwt.subjectTokenType); by default the identity provider chooses."),

  // ---- jwt-bearer ----
  ASSERTION_FILE("jwt.assertionFile", Group.JWT_BEARER, OptionType.PATH, null,
      "A file holding the signed JWT assertion to present; read at every request. Without it the assertion is "
          + "signed locally with jwt.signingKey."),
  ASSERTION_ISSUER("jwt.assertionIssuer", Group.JWT_BEARER, OptionType.TEXT, null,
      "Issuer ('iss') of a locally signed assertion; defaults to jwt.clientId."),
  ASSERTION_AUDIENCE("jwt.assertionAudience", Group.JWT_BEARER, OptionType.TEXT, null,
      "Audience ('aud') of a locally signed assertion; defaults to jwt.issuer, else jwt.tokenEndpoint."),

  // ---- exec ----
  COMMAND("jwt.command", Group.EXEC, OptionType.TEXT, null,
      "Command that prints a token, run without a shell: split at spaces, with '...' and \"...\" quoting and "
          + "\\ escapes. It may print the bare token or JSON with a token and an expiry field (as "
          + "'az account get-access-token -o json' does). Required by provider 'exec'."),
  COMMAND_TIMEOUT("jwt.commandTimeout", Group.EXEC, OptionType.DURATION, "30s",
      "How long jwt.command may run before it is killed."),
  COMMAND_TOKEN_LIFETIME("jwt.commandTokenLifetime", Group.EXEC, OptionType.DURATION, null,
      "Lifetime of an opaque token printed without an expiry (e.g. 1h for gcloud auth print-access-token); "
          + "otherwise its lifetime is unknown."),

  // ---- azure-managed-identity ----
  IDENTITY_ENDPOINT("jwt.identityEndpoint", Group.AZURE_MANAGED_IDENTITY, OptionType.TEXT, null,
      "Token endpoint of the Azure managed identity; defaults to $IDENTITY_ENDPOINT (App Service, Functions, "
          + "Container Apps) or else the instance metadata service "
          + "http://169.254.169.254/metadata/identity/oauth2/token."),

  // ---- gcp-metadata ----
  METADATA_ENDPOINT("jwt.metadataEndpoint", Group.GCP_METADATA, OptionType.TEXT, null,
      "Base URL of the Google Cloud metadata server; defaults to http://$GCE_METADATA_HOST or else "
          + "http://metadata.google.internal."),
  SERVICE_ACCOUNT("jwt.serviceAccount", Group.GCP_METADATA, OptionType.TEXT, "default",
      "The service account of the instance whose token is fetched (its email, or default)."),

  // ---- aws-rds-iam ----
  DB_HOST("jwt.dbHost", Group.AWS_RDS_IAM, OptionType.TEXT, null,
      "Host name of the RDS or Aurora endpoint the token is for, as in the JDBC URL. Required by provider "
          + "'aws-rds-iam'."),
  DB_PORT("jwt.dbPort", Group.AWS_RDS_IAM, OptionType.PORT, null,
      "Port of the RDS or Aurora endpoint, as in the JDBC URL (e.g. 5432, 3306). Required by provider "
          + "'aws-rds-iam'."),
  REGION("jwt.region", Group.AWS_RDS_IAM, OptionType.TEXT, null,
      "AWS region of the database (e.g. eu-west-1); defaults to the AWS SDK's region lookup (AWS_REGION, "
          + "profile, instance metadata)."),
  AWS_PROFILE("jwt.awsProfile", Group.AWS_RDS_IAM, OptionType.TEXT, null,
      "Named profile of the AWS shared config and credentials files; defaults to the AWS SDK's default "
          + "credentials chain.");

  /** Which part of the product an option belongs to; orders the documentation. */
  public enum Group {
    COMMON("Common options"),
    SESSION("Session set-up"),
    POSTGRESQL("PostgreSQL 18+ native OAuth"),
    STATIC("Provider 'static'"),
    FILE("Provider 'file'"),
    SIGNED("Provider 'signed'"),
    HTTP("Connections to identity providers"),
    CLIENT_CREDENTIALS("Provider 'client-credentials' (and the client of the other OAuth grants)"),
    TOKEN_EXCHANGE("Provider 'token-exchange'"),
    JWT_BEARER("Provider 'jwt-bearer'"),
    EXEC("Provider 'exec'"),
    AZURE_MANAGED_IDENTITY("Provider 'azure-managed-identity'"),
    GCP_METADATA("Provider 'gcp-metadata'"),
    AWS_RDS_IAM("Provider 'aws-rds-iam'");

    private final String title;

    Group(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /**
   * Where an option may come from. A JDBC URL may be written by someone less trusted than the application (a BI tool's
   * "add a data source" screen, a connection string stored in a table), so options that reach the JVM's ambient
   * authority — commands, files, environment variables, keys, the host's cloud identity, where credentials are sent,
   * what the application's key signs — are honoured only from the application's own configuration (connection
   * {@code Properties} and the like) unless the application declares its URLs trusted. An option that declares
   * nothing is {@link #APPLICATION_ONLY}.
   */
  public enum Origin {
    /** Harmless tuning: honoured from the URL and from properties; the URL wins. */
    URL_ALLOWED,
    /** Honoured from properties; from a URL only when URLs are trusted, and properties still win. */
    APPLICATION_ONLY
  }

  /** The one {@code jwt.provider} value a URL may choose: it reaches nothing but the URL's own literal token. */
  public static final String URL_PROVIDER = "static";

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
  private final Class<? extends Enum<? extends OptionChoice>> choiceType;
  private final Origin origin;

  /** An {@link Origin#APPLICATION_ONLY} option: the safe default for anything new. */
  JwtOption(String key, Group group, OptionType type, String defaultValue, String description) {
    this(Origin.APPLICATION_ONLY, key, group, type, null, defaultValue, description);
  }

  JwtOption(Origin origin, String key, Group group, OptionType type, String defaultValue, String description) {
    this(origin, key, group, type, null, defaultValue, description);
  }

  /** An {@link Origin#APPLICATION_ONLY} {@link OptionType#CHOICE} option whose values are {@code choiceType}'s. */
  JwtOption(String key, Group group, Class<? extends Enum<? extends OptionChoice>> choiceType, String defaultValue,
      String description) {
    this(Origin.APPLICATION_ONLY, key, group, OptionType.CHOICE, choiceType, defaultValue, description);
  }

  JwtOption(Origin origin, String key, Group group, Class<? extends Enum<? extends OptionChoice>> choiceType,
      String defaultValue, String description) {
    this(origin, key, group, OptionType.CHOICE, choiceType, defaultValue, description);
  }

  JwtOption(Origin origin, String key, Group group, OptionType type,
      Class<? extends Enum<? extends OptionChoice>> choiceType, String defaultValue, String description) {
    this.origin = origin;
    this.key = key;
    this.group = group;
    this.type = type;
    this.choiceType = choiceType;
    this.defaultValue = defaultValue;
    this.description = description;
    this.choices = choicesOf(type, choiceType);
  }

  private static List<String> choicesOf(OptionType type, Class<? extends Enum<? extends OptionChoice>> choiceType) {
    if (type == OptionType.BOOLEAN) {
      return List.of("true", "false");
    }
    if (choiceType == null) {
      return List.of();
    }
    return Arrays.stream(choiceType.getEnumConstants()).map(c -> ((OptionChoice) c).optionValue()).toList();
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

  /** The texts the option accepts: a {@link OptionType#CHOICE}'s enum constants, or a boolean's; else empty. */
  public List<String> choices() {
    return choices;
  }

  /** The enum whose constants are a {@link OptionType#CHOICE} option's values; empty for other types. */
  public Optional<Class<? extends Enum<? extends OptionChoice>>> choiceType() {
    return Optional.ofNullable(choiceType);
  }

  public boolean isSecret() {
    return type == OptionType.SECRET;
  }

  /**
   * Whether configurations that differ in this option get token caches of their own. False only for options that
   * tune single connections, not the token ({@code jwt.minTokenLife}): connections that ask different minimums of the
   * same token share one cache ({@link TokenConfig#cacheKey()}).
   *
   * @return true when the option is part of a token cache's identity
   */
  public boolean splitsTokenCache() {
    return this != MIN_TOKEN_LIFE;
  }

  /** Where this option may come from, as declared. */
  public Origin origin() {
    return origin;
  }

  /**
   * Whether a JDBC URL that nobody declared trusted may give this option this value: the option is
   * {@link Origin#URL_ALLOWED} and the value is no {@code env:}/{@code file:} reference (those read the JVM's
   * environment and files, whatever the option), or it is {@code jwt.provider=static}.
   */
  public boolean allowedFromUrl(String value) {
    String v = value == null ? "" : value.strip();
    if (SecretReference.isReference(v)) {
      return false;
    }
    return origin == Origin.URL_ALLOWED || this == PROVIDER && URL_PROVIDER.equals(v);
  }

  /** The "may come from" text of the documentation. */
  public String originDescription() {
    if (this == PROVIDER) {
      return "application; URL: `" + URL_PROVIDER + "` only";
    }
    return origin == Origin.URL_ALLOWED ? "URL or application" : "application";
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
    if (unknownKey.length() > 64) {
      return Optional.empty(); // no option name is that long; and the distance would cost length × options
    }
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
