package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.JwtOption;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code jwt.*} options of a token source as typed Spring Boot properties: {@code jdbc-jwt.client-secret} is
 * {@code jwt.clientSecret}, and so on for every option of {@link JwtOption}. An unset property leaves the option to
 * the URL, the pool's own data source properties or the driver's default.
 */
public class TokenSourceProperties {

  /**
   * Name of the token source (jwt.provider): static, file, signed, client-credentials, token-exchange, jwt-bearer,
   * exec, azure-managed-identity, gcp-metadata, aws-rds-iam, or a third-party provider on the class path.
   */
  private String provider;

  /**
   * Take the database user from this claim of the token, e.g. sub or preferred_username, instead of the DataSource's
   * username (jwt.userClaim).
   */
  private String userClaim;

  /** The vendor driver property that receives the token (jwt.tokenProperty). */
  private String tokenProperty;

  /**
   * A token is treated as expired this long before its 'exp', to absorb clock differences and connection set-up
   * time (jwt.clockSkew).
   */
  private Duration clockSkew;

  /**
   * Refresh the token in the background when this share of its lifetime (e.g. 25%) or this duration (e.g. 2m)
   * remains (jwt.refreshAhead).
   */
  private String refreshAhead;

  /**
   * What happens to a connection when its token expires (jwt.onExpiry): evict (pools replace it), close (it is
   * aborted at the token's expiry even if in use) or none.
   */
  private OnExpiry onExpiry;

  /**
   * How long a connection waits for a token when none is valid before failing with SQLState 08001
   * (jwt.fetchTimeout).
   */
  private Duration fetchTimeout;

  /**
   * Send the token even when the database connection does not verify the server's certificate and the host is not
   * loopback or a Unix socket; also silences the warning for vendors whose TLS settings are not known
   * (jwt.allowUnverifiedTls). The server, or anyone in between, can then take the token.
   */
  private Boolean allowUnverifiedTls;

  /**
   * PostgreSQL 18+: answer a server that asks for SASL OAUTHBEARER (pg_hba method oauth) with the token: auto (also
   * a password to servers that ask for one), require (refuse any server that does not ask for OAUTHBEARER; the token
   * is never sent as a password), off (jwt.postgresOAuth).
   */
  private String postgresOauth;

  /**
   * After login, switch to the database role named by this claim of the token, SET ROLE (jwt.roleClaim); the
   * database still checks that the login user may take the role.
   */
  private String roleClaim;

  /**
   * PostgreSQL: after login, publish the token's claims into the session for row-level security, as PostgREST does:
   * request.jwt.claims and request.jwt.claim.NAME (jwt.sessionClaims). For trusted application servers only.
   */
  private Boolean sessionClaims;

  /** Provider static: the token itself, or env:NAME or file:/path (jwt.token). */
  private String token;

  /**
   * Provider file: a file holding the token, e.g. a Kubernetes projected service-account token; re-read when it
   * changes (jwt.tokenFile).
   */
  private String tokenFile;

  /**
   * Provider signed (and jwt-bearer): the private key that signs the token, PEM PKCS#8 or JWK, RSA, EC or Ed25519;
   * the key itself (e.g. from a secret store through Spring's property sources), or file:/path or env:NAME
   * (jwt.signingKey).
   */
  private String signingKey;

  /** Key id put in the token header, 'kid' (jwt.keyId); defaults to the JWK's own kid, if any. */
  private String keyId;

  /**
   * Signature algorithm (jwt.algorithm): RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512 or EdDSA;
   * defaults to what the key implies.
   */
  private String algorithm;

  /**
   * The token's issuer, 'iss' (jwt.issuer). For the OAuth providers: the identity provider's issuer URL, whose
   * /.well-known/openid-configuration gives the token endpoint.
   */
  private String issuer;

  /** The token's subject, 'sub' (jwt.subject); defaults to the DataSource's username. */
  private String subject;

  /**
   * The token's audience, 'aud', several separated by commas (jwt.audience). For the OAuth providers: the
   * 'audience' parameter of the token request.
   */
  private String audience;

  /** Lifetime of each minted token (jwt.ttl). */
  private Duration ttl;

  /** Extra text claims of a minted token, by claim name (jwt.claim.NAME). */
  private Map<String, String> claims = new LinkedHashMap<>();

  /**
   * Allow plain http:// identity provider endpoints on other hosts than loopback and the cloud metadata addresses
   * (jwt.allowInsecureHttp). Tokens and client secrets then cross the network unencrypted: for tests only.
   */
  private Boolean allowInsecureHttp;

  /**
   * Connect timeout of each request to an identity provider or metadata endpoint, and how long to wait for its
   * answer to start (jwt.httpTimeout).
   */
  private Duration httpTimeout;

  /**
   * Certificates trusted for HTTPS to the identity provider instead of the JDK's: a PEM file of CA certificates, or
   * a PKCS#12 or JKS trust store (jwt.trustStore).
   */
  private String trustStore;

  /** Password of a PKCS#12 or JKS trust-store, if it has one (jwt.trustStorePassword). */
  private String trustStorePassword;

  /**
   * The identity provider's token endpoint URL (jwt.tokenEndpoint); when absent it is found by OpenID Connect
   * discovery from issuer.
   */
  private String tokenEndpoint;

  /**
   * The OAuth client id (jwt.clientId). For azure-managed-identity: the client id of a user-assigned identity.
   */
  private String clientId;

  /**
   * The OAuth client secret, client_secret_basic or client_secret_post (jwt.clientSecret); the secret itself (from
   * any of Spring's property sources), or env:NAME or file:/path.
   */
  private String clientSecret;

  /**
   * Private key for private_key_jwt client authentication (RFC 7523), PEM PKCS#8 or JWK
   * (jwt.clientAssertionKey).
   */
  private String clientAssertionKey;

  /**
   * How the client authenticates at the token endpoint (jwt.clientAuthMethod): client_secret_basic,
   * client_secret_post, private_key_jwt or none; defaults to what the credentials given imply.
   */
  private String clientAuthMethod;

  /**
   * Scopes to request, separated by spaces or commas (jwt.scope). For gcp-metadata: the scopes of the metadata
   * request.
   */
  private String scope;

  /**
   * The 'resource' parameter (RFC 8707) of the token request, an absolute URI (jwt.resource). For
   * azure-managed-identity: the resource the token is for.
   */
  private String resource;

  /** Provider token-exchange: a file holding the subject token to exchange, read at every exchange (jwt.subjectTokenFile). */
  private String subjectTokenFile;

  /**
   * Provider token-exchange: instead of subject-token-file, another provider whose token is exchanged
   * (jwt.subjectTokenProvider).
   */
  private String subjectTokenProvider;

  /** Provider token-exchange: type of the subject token, a URI or a short name such as jwt (jwt.subjectTokenType). */
  private String subjectTokenType;

  /** Provider token-exchange: type of token to ask for, a URI or a short name (jwt.requestedTokenType). */
  private String requestedTokenType;

  /** Provider jwt-bearer: a file holding the signed JWT assertion to present, read at every request (jwt.assertionFile). */
  private String assertionFile;

  /** Provider jwt-bearer: issuer, 'iss', of a locally signed assertion (jwt.assertionIssuer); defaults to client-id. */
  private String assertionIssuer;

  /**
   * Provider jwt-bearer: audience, 'aud', of a locally signed assertion (jwt.assertionAudience); defaults to issuer,
   * else token-endpoint.
   */
  private String assertionAudience;

  /**
   * Provider exec: command that prints a token, run without a shell, split at spaces with '...' and "..." quoting
   * (jwt.command).
   */
  private String command;

  /** Provider exec: how long the command may run before it is killed (jwt.commandTimeout). */
  private Duration commandTimeout;

  /**
   * Provider exec: lifetime of an opaque token printed without an expiry, e.g. 1h for gcloud auth
   * print-access-token (jwt.commandTokenLifetime).
   */
  private Duration commandTokenLifetime;

  /**
   * Provider azure-managed-identity: the managed identity's token endpoint (jwt.identityEndpoint); defaults to
   * $IDENTITY_ENDPOINT or the instance metadata service.
   */
  private String identityEndpoint;

  /**
   * Provider gcp-metadata: base URL of the metadata server (jwt.metadataEndpoint); defaults to $GCE_METADATA_HOST or
   * http://metadata.google.internal.
   */
  private String metadataEndpoint;

  /** Provider gcp-metadata: the instance's service account whose token is fetched (jwt.serviceAccount). */
  private String serviceAccount;

  /** Provider aws-rds-iam: host name of the RDS or Aurora endpoint the token is for (jwt.dbHost). */
  private String dbHost;

  /** Provider aws-rds-iam: port of the RDS or Aurora endpoint, e.g. 5432 (jwt.dbPort). */
  private String dbPort;

  /** Provider aws-rds-iam: AWS region of the database (jwt.region); defaults to the AWS SDK's region lookup. */
  private String region;

  /** Provider aws-rds-iam: named profile of the AWS shared config and credentials files (jwt.awsProfile). */
  private String awsProfile;

  /** {@code jwt.onExpiry}. */
  public enum OnExpiry {
    /** isValid() turns false at expiry, so pools replace the connection. */
    EVICT,
    /** The connection is aborted at the token's expiry, even if in use. */
    CLOSE,
    /** Nothing happens at expiry. */
    NONE
  }

  /**
   * The options set here, keyed by {@code jwt.*} name, in the driver's text form. Contains secrets: never log it.
   */
  public Map<String, String> toOptions() {
    Map<String, String> o = new TreeMap<>();
    put(o, JwtOption.PROVIDER, provider);
    put(o, JwtOption.USER_CLAIM, userClaim);
    put(o, JwtOption.TOKEN_PROPERTY, tokenProperty);
    put(o, JwtOption.CLOCK_SKEW, clockSkew);
    put(o, JwtOption.REFRESH_AHEAD, refreshAhead);
    put(o, JwtOption.ON_EXPIRY, onExpiry == null ? null : onExpiry.name().toLowerCase(Locale.ROOT));
    put(o, JwtOption.FETCH_TIMEOUT, fetchTimeout);
    put(o, JwtOption.ALLOW_UNVERIFIED_TLS, allowUnverifiedTls == null ? null : allowUnverifiedTls.toString());
    put(o, JwtOption.POSTGRES_OAUTH, postgresOauth);
    put(o, JwtOption.ROLE_CLAIM, roleClaim);
    put(o, JwtOption.SESSION_CLAIMS, sessionClaims == null ? null : sessionClaims.toString());
    put(o, JwtOption.TOKEN, token);
    put(o, JwtOption.TOKEN_FILE, tokenFile);
    put(o, JwtOption.SIGNING_KEY, signingKey);
    put(o, JwtOption.KEY_ID, keyId);
    put(o, JwtOption.ALGORITHM, algorithm);
    put(o, JwtOption.ISSUER, issuer);
    put(o, JwtOption.SUBJECT, subject);
    put(o, JwtOption.AUDIENCE, audience);
    put(o, JwtOption.TTL, ttl);
    claims.forEach((name, value) -> {
      if (value != null) {
        o.put(JwtOption.CLAIM.key() + name, value);
      }
    });
    put(o, JwtOption.ALLOW_INSECURE_HTTP, allowInsecureHttp == null ? null : allowInsecureHttp.toString());
    put(o, JwtOption.HTTP_TIMEOUT, httpTimeout);
    put(o, JwtOption.TRUST_STORE, trustStore);
    put(o, JwtOption.TRUST_STORE_PASSWORD, trustStorePassword);
    put(o, JwtOption.TOKEN_ENDPOINT, tokenEndpoint);
    put(o, JwtOption.CLIENT_ID, clientId);
    put(o, JwtOption.CLIENT_SECRET, clientSecret);
    put(o, JwtOption.CLIENT_ASSERTION_KEY, clientAssertionKey);
    put(o, JwtOption.CLIENT_AUTH_METHOD, clientAuthMethod);
    put(o, JwtOption.SCOPE, scope);
    put(o, JwtOption.RESOURCE, resource);
    put(o, JwtOption.SUBJECT_TOKEN_FILE, subjectTokenFile);
    put(o, JwtOption.SUBJECT_TOKEN_PROVIDER, subjectTokenProvider);
    put(o, JwtOption.SUBJECT_TOKEN_TYPE, subjectTokenType);
    put(o, JwtOption.REQUESTED_TOKEN_TYPE, requestedTokenType);
    put(o, JwtOption.ASSERTION_FILE, assertionFile);
    put(o, JwtOption.ASSERTION_ISSUER, assertionIssuer);
    put(o, JwtOption.ASSERTION_AUDIENCE, assertionAudience);
    put(o, JwtOption.COMMAND, command);
    put(o, JwtOption.COMMAND_TIMEOUT, commandTimeout);
    put(o, JwtOption.COMMAND_TOKEN_LIFETIME, commandTokenLifetime);
    put(o, JwtOption.IDENTITY_ENDPOINT, identityEndpoint);
    put(o, JwtOption.METADATA_ENDPOINT, metadataEndpoint);
    put(o, JwtOption.SERVICE_ACCOUNT, serviceAccount);
    put(o, JwtOption.DB_HOST, dbHost);
    put(o, JwtOption.DB_PORT, dbPort);
    put(o, JwtOption.REGION, region);
    put(o, JwtOption.AWS_PROFILE, awsProfile);
    return o;
  }

  private static void put(Map<String, String> options, JwtOption option, String value) {
    if (value != null) {
      options.put(option.key(), value);
    }
  }

  private static void put(Map<String, String> options, JwtOption option, Duration value) {
    if (value != null) {
      options.put(option.key(), text(value));
    }
  }

  /** Exact, in the largest single unit the driver reads: 90s, 15m, 2h, 1500ms (it does not read 1m30s). */
  static String text(Duration d) {
    if (d.isNegative() || d.toNanosPart() % 1_000_000 != 0) {
      return d.toString(); // ISO-8601; the driver reports a negative one by name
    }
    long millis = d.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    return seconds != 0 && seconds % 3600 == 0 ? seconds / 3600 + "h"
        : seconds != 0 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public String getUserClaim() {
    return userClaim;
  }

  public void setUserClaim(String userClaim) {
    this.userClaim = userClaim;
  }

  public String getTokenProperty() {
    return tokenProperty;
  }

  public void setTokenProperty(String tokenProperty) {
    this.tokenProperty = tokenProperty;
  }

  public Duration getClockSkew() {
    return clockSkew;
  }

  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  public String getRefreshAhead() {
    return refreshAhead;
  }

  public void setRefreshAhead(String refreshAhead) {
    this.refreshAhead = refreshAhead;
  }

  public OnExpiry getOnExpiry() {
    return onExpiry;
  }

  public void setOnExpiry(OnExpiry onExpiry) {
    this.onExpiry = onExpiry;
  }

  public Duration getFetchTimeout() {
    return fetchTimeout;
  }

  public void setFetchTimeout(Duration fetchTimeout) {
    this.fetchTimeout = fetchTimeout;
  }

  public Boolean getAllowUnverifiedTls() {
    return allowUnverifiedTls;
  }

  public void setAllowUnverifiedTls(Boolean allowUnverifiedTls) {
    this.allowUnverifiedTls = allowUnverifiedTls;
  }

  public String getPostgresOauth() {
    return postgresOauth;
  }

  public void setPostgresOauth(String postgresOauth) {
    this.postgresOauth = postgresOauth;
  }

  public String getRoleClaim() {
    return roleClaim;
  }

  public void setRoleClaim(String roleClaim) {
    this.roleClaim = roleClaim;
  }

  public Boolean getSessionClaims() {
    return sessionClaims;
  }

  public void setSessionClaims(Boolean sessionClaims) {
    this.sessionClaims = sessionClaims;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public String getTokenFile() {
    return tokenFile;
  }

  public void setTokenFile(String tokenFile) {
    this.tokenFile = tokenFile;
  }

  public String getSigningKey() {
    return signingKey;
  }

  public void setSigningKey(String signingKey) {
    this.signingKey = signingKey;
  }

  public String getKeyId() {
    return keyId;
  }

  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  public String getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(String algorithm) {
    this.algorithm = algorithm;
  }

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  public String getSubject() {
    return subject;
  }

  public void setSubject(String subject) {
    this.subject = subject;
  }

  public String getAudience() {
    return audience;
  }

  public void setAudience(String audience) {
    this.audience = audience;
  }

  public Duration getTtl() {
    return ttl;
  }

  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  public Map<String, String> getClaims() {
    return claims;
  }

  public void setClaims(Map<String, String> claims) {
    this.claims = claims;
  }

  public Boolean getAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  public void setAllowInsecureHttp(Boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  public Duration getHttpTimeout() {
    return httpTimeout;
  }

  public void setHttpTimeout(Duration httpTimeout) {
    this.httpTimeout = httpTimeout;
  }

  public String getTrustStore() {
    return trustStore;
  }

  public void setTrustStore(String trustStore) {
    this.trustStore = trustStore;
  }

  public String getTrustStorePassword() {
    return trustStorePassword;
  }

  public void setTrustStorePassword(String trustStorePassword) {
    this.trustStorePassword = trustStorePassword;
  }

  public String getTokenEndpoint() {
    return tokenEndpoint;
  }

  public void setTokenEndpoint(String tokenEndpoint) {
    this.tokenEndpoint = tokenEndpoint;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getClientSecret() {
    return clientSecret;
  }

  public void setClientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  public String getClientAssertionKey() {
    return clientAssertionKey;
  }

  public void setClientAssertionKey(String clientAssertionKey) {
    this.clientAssertionKey = clientAssertionKey;
  }

  public String getClientAuthMethod() {
    return clientAuthMethod;
  }

  public void setClientAuthMethod(String clientAuthMethod) {
    this.clientAuthMethod = clientAuthMethod;
  }

  public String getScope() {
    return scope;
  }

  public void setScope(String scope) {
    this.scope = scope;
  }

  public String getResource() {
    return resource;
  }

  public void setResource(String resource) {
    this.resource = resource;
  }

  public String getSubjectTokenFile() {
    return subjectTokenFile;
  }

  public void setSubjectTokenFile(String subjectTokenFile) {
    this.subjectTokenFile = subjectTokenFile;
  }

  public String getSubjectTokenProvider() {
    return subjectTokenProvider;
  }

  public void setSubjectTokenProvider(String subjectTokenProvider) {
    this.subjectTokenProvider = subjectTokenProvider;
  }

  public String getSubjectTokenType() {
    return subjectTokenType;
  }

  public void setSubjectTokenType(String subjectTokenType) {
    this.subjectTokenType = subjectTokenType;
  }

  public String getRequestedTokenType() {
    return requestedTokenType;
  }

  public void setRequestedTokenType(String requestedTokenType) {
    this.requestedTokenType = requestedTokenType;
  }

  public String getAssertionFile() {
    return assertionFile;
  }

  public void setAssertionFile(String assertionFile) {
    this.assertionFile = assertionFile;
  }

  public String getAssertionIssuer() {
    return assertionIssuer;
  }

  public void setAssertionIssuer(String assertionIssuer) {
    this.assertionIssuer = assertionIssuer;
  }

  public String getAssertionAudience() {
    return assertionAudience;
  }

  public void setAssertionAudience(String assertionAudience) {
    this.assertionAudience = assertionAudience;
  }

  public String getCommand() {
    return command;
  }

  public void setCommand(String command) {
    this.command = command;
  }

  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  public Duration getCommandTokenLifetime() {
    return commandTokenLifetime;
  }

  public void setCommandTokenLifetime(Duration commandTokenLifetime) {
    this.commandTokenLifetime = commandTokenLifetime;
  }

  public String getIdentityEndpoint() {
    return identityEndpoint;
  }

  public void setIdentityEndpoint(String identityEndpoint) {
    this.identityEndpoint = identityEndpoint;
  }

  public String getMetadataEndpoint() {
    return metadataEndpoint;
  }

  public void setMetadataEndpoint(String metadataEndpoint) {
    this.metadataEndpoint = metadataEndpoint;
  }

  public String getServiceAccount() {
    return serviceAccount;
  }

  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  public String getDbHost() {
    return dbHost;
  }

  public void setDbHost(String dbHost) {
    this.dbHost = dbHost;
  }

  public String getDbPort() {
    return dbPort;
  }

  public void setDbPort(String dbPort) {
    this.dbPort = dbPort;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getAwsProfile() {
    return awsProfile;
  }

  public void setAwsProfile(String awsProfile) {
    this.awsProfile = awsProfile;
  }
}
