package dev.jdbcjwt.spring.boot.autoconfigure;

import dev.jdbcjwt.token.config.ClientAuthMethod;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.OnExpiry;
import dev.jdbcjwt.token.config.PostgresOAuthMode;
import dev.jdbcjwt.token.config.SigningAlgorithm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code jwt.*} options of a token source as typed Spring Boot properties: {@code jdbc-jwt.client-secret} is
 * {@code jwt.clientSecret}, and so on for every option of {@link JwtOption}. An unset property leaves the option to
 * the URL, the pool's own data source properties or the driver's default.
 *
 * <p>Generated from {@link JwtOption}; do not edit by hand. Regenerate with:
 * {@code mvn -pl jdbc-jwt-spring-boot-autoconfigure test -Dtest=RegistryDerivedSourcesTest -Djdbcjwt.updateDocs=true}
 */
public class TokenSourceProperties {

  /**
   * jwt.provider: Name of the token source: static, file, signed, client-credentials, token-exchange, jwt-bearer, exec,
   * azure-managed-identity, gcp-metadata, aws-rds-iam, or a third-party provider on the class path. Required.
   */
  private String provider;

  /**
   * jwt.userClaim: Take the database user from this claim of the token (e.g. sub, preferred_username) instead of the
   * 'user' property.
   */
  private String userClaim;

  /** jwt.tokenProperty: The vendor driver property that receives the token. */
  private String tokenProperty;

  /**
   * jwt.clockSkew: A token is treated as expired this long before its 'exp', to absorb clock differences and connection
   * set-up time.
   */
  private Duration clockSkew;

  /**
   * jwt.refreshAhead: Refresh the token in the background when this share of its lifetime (e.g. 25%) or this duration
   * (e.g. 2m) remains; connections keep using the current token meanwhile.
   */
  private String refreshAhead;

  /**
   * jwt.minTokenLife: A new connection never logs in with a token that stays usable for less than this share of its
   * usable lifetime (e.g. 10%) or this duration (e.g. 7m, a pool's maxLifetime); when the current token has less left,
   * the connect waits for the refresh (at most jwt.fetchTimeout) and the background refresh moves early enough that it
   * rarely has to. If the identity provider fails, the still-usable token is used. Capped at half the token's lifetime
   * less jwt.clockSkew and the refresh jitter, so that it costs at most two token requests per lifetime; 0s turns it
   * off. Connections sharing a token configuration share its cache whatever this says.
   */
  private String minTokenLife;

  /**
   * jwt.onExpiry: What happens to a connection when its token expires: evict (isValid() turns false, so pools replace
   * it; a holder may keep using it), close (the connection is aborted at the token's expiry even if in use), none.
   */
  private OnExpiry onExpiry;

  /**
   * jwt.fetchTimeout: How long a connection waits for a token when none is valid (cold start, or the identity provider
   * is slow) before failing with SQLState 08001.
   */
  private Duration fetchTimeout;

  /**
   * jwt.allowUnverifiedTls: Send the token even when the database connection does not verify the server's certificate
   * (pgjdbc sslmode other than verify-full/verify-ca, Connector/J sslMode other than VERIFY_IDENTITY/VERIFY_CA, MariaDB
   * sslMode other than verify-full/verify-ca) and the host is not loopback or a Unix socket; also silences the warning
   * for vendors whose TLS settings are not known. The server, or anyone in between, can then take the token.
   * Application configuration only (connection properties), never the URL.
   */
  private Boolean allowUnverifiedTls;

  /**
   * jwt.roleClaim: After login, switch to the database role named by this claim of the token (SET ROLE); a claim
   * holding a list takes its first element. The database still checks that the login user may take the role.
   */
  private String roleClaim;

  /**
   * jwt.sessionClaims: PostgreSQL: after login, publish the token's claims into the session for row-level security, as
   * PostgREST does: request.jwt.claims (the JSON claim set) and request.jwt.claim.NAME for each top-level text claim.
   * For trusted application servers only: any client could set these settings itself.
   */
  private Boolean sessionClaims;

  /**
   * jwt.postgresOAuth: PostgreSQL 18+ native OAuth (pg_hba.conf method 'oauth', SASL OAUTHBEARER) through pgjdbc: auto
   * (answer a server that asks for OAUTHBEARER with the token; other servers get it as the password), require (only
   * OAUTHBEARER: the token is never sent as a password and any other server is refused), off (never answer
   * OAUTHBEARER).
   */
  private PostgresOAuthMode postgresOauth;

  /** jwt.token: The token itself, or a reference to it: env:NAME or file:/path. Required by provider 'static'. */
  private String token;

  /**
   * jwt.tokenFile: A file holding the token (e.g. a Kubernetes projected service-account token); re-read when it
   * changes. Required by provider 'file'.
   */
  private String tokenFile;

  /**
   * jwt.signingKey: Private key that signs the token: PEM (PKCS#8, 'BEGIN PRIVATE KEY') or JWK, RSA, EC or Ed25519;
   * usually a reference: file:/path/key.pem (re-read when the file changes, for key rotation) or env:NAME. Required by
   * provider 'signed'.
   */
  private String signingKey;

  /**
   * jwt.keyId: Key id put in the token header ('kid'); defaults to the JWK's own kid, else the public key's RFC 7638
   * thumbprint (what the jwks command prints). Leave it out to rotate keys by replacing the key file.
   */
  private String keyId;

  /**
   * jwt.algorithm: Signature algorithm; defaults to what the key implies (RSA: RS256, EC P-256: ES256, Ed25519: EdDSA).
   */
  private SigningAlgorithm algorithm;

  /**
   * jwt.issuer: The token's issuer ('iss'); the database checks it. For the OAuth providers (client-credentials,
   * token-exchange, jwt-bearer): the identity provider's issuer URL, whose /.well-known/openid-configuration gives the
   * token endpoint.
   */
  private String issuer;

  /**
   * jwt.subject: The token's subject ('sub'); defaults to the connection's 'user'. For jwt-bearer: the subject of the
   * locally signed assertion.
   */
  private String subject;

  /**
   * jwt.audience: The token's audience ('aud'); several separated by commas. For the OAuth providers: the 'audience'
   * parameter of the token request.
   */
  private String audience;

  /** jwt.ttl: Lifetime of each minted token. */
  private Duration ttl;

  /** jwt.claim.NAME: Extra claims: jwt.claim.NAME=VALUE adds claim NAME with a text value. */
  private Map<String, String> claims = new LinkedHashMap<>();

  /**
   * jwt.allowInsecureHttp: Allow plain http:// identity provider endpoints on other hosts than loopback (127.0.0.0/8,
   * ::1, localhost) and the cloud metadata addresses. Tokens and client secrets then cross the network unencrypted: for
   * tests only.
   */
  private Boolean allowInsecureHttp;

  /**
   * jwt.httpTimeout: Connect timeout of each request to an identity provider or metadata endpoint, and how long to wait
   * for its answer to start (the whole answer must arrive within twice this).
   */
  private Duration httpTimeout;

  /**
   * jwt.trustStore: Certificates trusted for HTTPS to the identity provider instead of the JDK's default ones: a PEM
   * file of CA certificates, or a PKCS#12 or JKS trust store.
   */
  private String trustStore;

  /** jwt.trustStorePassword: Password of a PKCS#12 or JKS jwt.trustStore, if it has one; env:NAME or file:/path. */
  private String trustStorePassword;

  /**
   * jwt.tokenEndpoint: The identity provider's token endpoint URL; when absent it is found by OpenID Connect discovery
   * from jwt.issuer (cached per issuer).
   */
  private String tokenEndpoint;

  /**
   * jwt.clientId: The OAuth client id. Required by client-credentials. For azure-managed-identity: the client id of a
   * user-assigned identity.
   */
  private String clientId;

  /**
   * jwt.clientSecret: The OAuth client secret (client_secret_basic or client_secret_post); usually a reference:
   * env:NAME or file:/path.
   */
  private String clientSecret;

  /**
   * jwt.clientAssertionKey: Private key for private_key_jwt client authentication (RFC 7523): PEM PKCS#8 or JWK, RSA,
   * EC or Ed25519; signed with jwt.algorithm (default: what the key implies) and header 'kid' jwt.keyId.
   */
  private String clientAssertionKey;

  /**
   * jwt.clientAuthMethod: How the client authenticates at the token endpoint; defaults to private_key_jwt with
   * jwt.clientAssertionKey, client_secret_basic with jwt.clientSecret, else none.
   */
  private ClientAuthMethod clientAuthMethod;

  /**
   * jwt.scope: Scopes to request, separated by spaces or commas. For gcp-metadata: the 'scopes' of the metadata
   * request.
   */
  private String scope;

  /**
   * jwt.resource: The 'resource' parameter (RFC 8707) of the token request, an absolute URI. For
   * azure-managed-identity: the resource the token is for (default https://ossrdbms-aad.database.windows.net).
   */
  private String resource;

  /**
   * jwt.subjectTokenFile: A file holding the subject token to exchange (e.g. a Kubernetes projected service-account
   * token); read at every exchange.
   */
  private String subjectTokenFile;

  /**
   * jwt.subjectTokenProvider: Instead of jwt.subjectTokenFile: another provider (e.g. exec, azure-managed-identity,
   * signed) whose token is exchanged; it reads its own options from the same configuration.
   */
  private String subjectTokenProvider;

  /**
   * jwt.subjectTokenType: Type of the subject token: a URI, or jwt, access_token, id_token, refresh_token, saml1, saml2
   * for urn:ietf:params:oauth:token-type:NAME.
   */
  private String subjectTokenType;

  /**
   * jwt.requestedTokenType: Type of token to ask for (same forms as jwt.subjectTokenType); by default the identity
   * provider chooses.
   */
  private String requestedTokenType;

  /**
   * jwt.assertionFile: A file holding the signed JWT assertion to present; read at every request. Without it the
   * assertion is signed locally with jwt.signingKey.
   */
  private String assertionFile;

  /** jwt.assertionIssuer: Issuer ('iss') of a locally signed assertion; defaults to jwt.clientId. */
  private String assertionIssuer;

  /**
   * jwt.assertionAudience: Audience ('aud') of a locally signed assertion; defaults to jwt.issuer, else
   * jwt.tokenEndpoint.
   */
  private String assertionAudience;

  /**
   * jwt.command: Command that prints a token, run without a shell: split at spaces, with '...' and "..." quoting and \
   * escapes. It may print the bare token or JSON with a token and an expiry field (as 'az account get-access-token -o
   * json' does). Required by provider 'exec'.
   */
  private String command;

  /** jwt.commandTimeout: How long jwt.command may run before it is killed. */
  private Duration commandTimeout;

  /**
   * jwt.commandTokenLifetime: Lifetime of an opaque token printed without an expiry (e.g. 1h for gcloud auth
   * print-access-token); otherwise its lifetime is unknown.
   */
  private Duration commandTokenLifetime;

  /**
   * jwt.identityEndpoint: Token endpoint of the Azure managed identity; defaults to $IDENTITY_ENDPOINT (App Service,
   * Functions, Container Apps) or else the instance metadata service
   * http://169.254.169.254/metadata/identity/oauth2/token.
   */
  private String identityEndpoint;

  /**
   * jwt.metadataEndpoint: Base URL of the Google Cloud metadata server; defaults to http://$GCE_METADATA_HOST or else
   * http://metadata.google.internal.
   */
  private String metadataEndpoint;

  /** jwt.serviceAccount: The service account of the instance whose token is fetched (its email, or default). */
  private String serviceAccount;

  /**
   * jwt.dbHost: Host name of the RDS or Aurora endpoint the token is for, as in the JDBC URL. Required by provider
   * 'aws-rds-iam'.
   */
  private String dbHost;

  /**
   * jwt.dbPort: Port of the RDS or Aurora endpoint, as in the JDBC URL (e.g. 5432, 3306). Required by provider
   * 'aws-rds-iam'.
   */
  private Integer dbPort;

  /**
   * jwt.region: AWS region of the database (e.g. eu-west-1); defaults to the AWS SDK's region lookup (AWS_REGION,
   * profile, instance metadata).
   */
  private String region;

  /**
   * jwt.awsProfile: Named profile of the AWS shared config and credentials files; defaults to the AWS SDK's default
   * credentials chain.
   */
  private String awsProfile;

  /** Every option unset, as Spring Boot binds them. */
  public TokenSourceProperties() {
  }

  /**
   * The options set here, keyed by {@code jwt.*} name, in the driver's text form. Contains secrets: never log it.
   *
   * @return the options set, by name
   */
  public Map<String, String> toOptions() {
    Map<String, String> o = new TreeMap<>();
    OptionText.put(o, JwtOption.PROVIDER, provider);
    OptionText.put(o, JwtOption.USER_CLAIM, userClaim);
    OptionText.put(o, JwtOption.TOKEN_PROPERTY, tokenProperty);
    OptionText.put(o, JwtOption.CLOCK_SKEW, clockSkew);
    OptionText.put(o, JwtOption.REFRESH_AHEAD, refreshAhead);
    OptionText.put(o, JwtOption.MIN_TOKEN_LIFE, minTokenLife);
    OptionText.put(o, JwtOption.ON_EXPIRY, onExpiry);
    OptionText.put(o, JwtOption.FETCH_TIMEOUT, fetchTimeout);
    OptionText.put(o, JwtOption.ALLOW_UNVERIFIED_TLS, allowUnverifiedTls);
    OptionText.put(o, JwtOption.ROLE_CLAIM, roleClaim);
    OptionText.put(o, JwtOption.SESSION_CLAIMS, sessionClaims);
    OptionText.put(o, JwtOption.POSTGRES_OAUTH, postgresOauth);
    OptionText.put(o, JwtOption.TOKEN, token);
    OptionText.put(o, JwtOption.TOKEN_FILE, tokenFile);
    OptionText.put(o, JwtOption.SIGNING_KEY, signingKey);
    OptionText.put(o, JwtOption.KEY_ID, keyId);
    OptionText.put(o, JwtOption.ALGORITHM, algorithm);
    OptionText.put(o, JwtOption.ISSUER, issuer);
    OptionText.put(o, JwtOption.SUBJECT, subject);
    OptionText.put(o, JwtOption.AUDIENCE, audience);
    OptionText.put(o, JwtOption.TTL, ttl);
    OptionText.putPrefixed(o, JwtOption.CLAIM, claims);
    OptionText.put(o, JwtOption.ALLOW_INSECURE_HTTP, allowInsecureHttp);
    OptionText.put(o, JwtOption.HTTP_TIMEOUT, httpTimeout);
    OptionText.put(o, JwtOption.TRUST_STORE, trustStore);
    OptionText.put(o, JwtOption.TRUST_STORE_PASSWORD, trustStorePassword);
    OptionText.put(o, JwtOption.TOKEN_ENDPOINT, tokenEndpoint);
    OptionText.put(o, JwtOption.CLIENT_ID, clientId);
    OptionText.put(o, JwtOption.CLIENT_SECRET, clientSecret);
    OptionText.put(o, JwtOption.CLIENT_ASSERTION_KEY, clientAssertionKey);
    OptionText.put(o, JwtOption.CLIENT_AUTH_METHOD, clientAuthMethod);
    OptionText.put(o, JwtOption.SCOPE, scope);
    OptionText.put(o, JwtOption.RESOURCE, resource);
    OptionText.put(o, JwtOption.SUBJECT_TOKEN_FILE, subjectTokenFile);
    OptionText.put(o, JwtOption.SUBJECT_TOKEN_PROVIDER, subjectTokenProvider);
    OptionText.put(o, JwtOption.SUBJECT_TOKEN_TYPE, subjectTokenType);
    OptionText.put(o, JwtOption.REQUESTED_TOKEN_TYPE, requestedTokenType);
    OptionText.put(o, JwtOption.ASSERTION_FILE, assertionFile);
    OptionText.put(o, JwtOption.ASSERTION_ISSUER, assertionIssuer);
    OptionText.put(o, JwtOption.ASSERTION_AUDIENCE, assertionAudience);
    OptionText.put(o, JwtOption.COMMAND, command);
    OptionText.put(o, JwtOption.COMMAND_TIMEOUT, commandTimeout);
    OptionText.put(o, JwtOption.COMMAND_TOKEN_LIFETIME, commandTokenLifetime);
    OptionText.put(o, JwtOption.IDENTITY_ENDPOINT, identityEndpoint);
    OptionText.put(o, JwtOption.METADATA_ENDPOINT, metadataEndpoint);
    OptionText.put(o, JwtOption.SERVICE_ACCOUNT, serviceAccount);
    OptionText.put(o, JwtOption.DB_HOST, dbHost);
    OptionText.put(o, JwtOption.DB_PORT, dbPort);
    OptionText.put(o, JwtOption.REGION, region);
    OptionText.put(o, JwtOption.AWS_PROFILE, awsProfile);
    return o;
  }

  /**
   * The option {@code jwt.provider}.
   *
   * @return the value; {@code null} when unset
   */
  public String getProvider() {
    return provider;
  }

  /**
   * Sets the option {@code jwt.provider}.
   *
   * @param provider the value; {@code null} leaves it unset
   */
  public void setProvider(String provider) {
    this.provider = provider;
  }

  /**
   * The option {@code jwt.userClaim}.
   *
   * @return the value; {@code null} when unset
   */
  public String getUserClaim() {
    return userClaim;
  }

  /**
   * Sets the option {@code jwt.userClaim}.
   *
   * @param userClaim the value; {@code null} leaves it unset
   */
  public void setUserClaim(String userClaim) {
    this.userClaim = userClaim;
  }

  /**
   * The option {@code jwt.tokenProperty}.
   *
   * @return the value; {@code null} when unset
   */
  public String getTokenProperty() {
    return tokenProperty;
  }

  /**
   * Sets the option {@code jwt.tokenProperty}.
   *
   * @param tokenProperty the value; {@code null} leaves it unset
   */
  public void setTokenProperty(String tokenProperty) {
    this.tokenProperty = tokenProperty;
  }

  /**
   * The option {@code jwt.clockSkew}.
   *
   * @return the value; {@code null} when unset
   */
  public Duration getClockSkew() {
    return clockSkew;
  }

  /**
   * Sets the option {@code jwt.clockSkew}.
   *
   * @param clockSkew the value; {@code null} leaves it unset
   */
  public void setClockSkew(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  /**
   * The option {@code jwt.refreshAhead}.
   *
   * @return the value; {@code null} when unset
   */
  public String getRefreshAhead() {
    return refreshAhead;
  }

  /**
   * Sets the option {@code jwt.refreshAhead}.
   *
   * @param refreshAhead the value; {@code null} leaves it unset
   */
  public void setRefreshAhead(String refreshAhead) {
    this.refreshAhead = refreshAhead;
  }

  /**
   * The option {@code jwt.minTokenLife}.
   *
   * @return the value; {@code null} when unset
   */
  public String getMinTokenLife() {
    return minTokenLife;
  }

  /**
   * Sets the option {@code jwt.minTokenLife}.
   *
   * @param minTokenLife the value; {@code null} leaves it unset
   */
  public void setMinTokenLife(String minTokenLife) {
    this.minTokenLife = minTokenLife;
  }

  /**
   * The option {@code jwt.onExpiry}.
   *
   * @return the value; {@code null} when unset
   */
  public OnExpiry getOnExpiry() {
    return onExpiry;
  }

  /**
   * Sets the option {@code jwt.onExpiry}.
   *
   * @param onExpiry the value; {@code null} leaves it unset
   */
  public void setOnExpiry(OnExpiry onExpiry) {
    this.onExpiry = onExpiry;
  }

  /**
   * The option {@code jwt.fetchTimeout}.
   *
   * @return the value; {@code null} when unset
   */
  public Duration getFetchTimeout() {
    return fetchTimeout;
  }

  /**
   * Sets the option {@code jwt.fetchTimeout}.
   *
   * @param fetchTimeout the value; {@code null} leaves it unset
   */
  public void setFetchTimeout(Duration fetchTimeout) {
    this.fetchTimeout = fetchTimeout;
  }

  /**
   * The option {@code jwt.allowUnverifiedTls}.
   *
   * @return the value; {@code null} when unset
   */
  public Boolean getAllowUnverifiedTls() {
    return allowUnverifiedTls;
  }

  /**
   * Sets the option {@code jwt.allowUnverifiedTls}.
   *
   * @param allowUnverifiedTls the value; {@code null} leaves it unset
   */
  public void setAllowUnverifiedTls(Boolean allowUnverifiedTls) {
    this.allowUnverifiedTls = allowUnverifiedTls;
  }

  /**
   * The option {@code jwt.roleClaim}.
   *
   * @return the value; {@code null} when unset
   */
  public String getRoleClaim() {
    return roleClaim;
  }

  /**
   * Sets the option {@code jwt.roleClaim}.
   *
   * @param roleClaim the value; {@code null} leaves it unset
   */
  public void setRoleClaim(String roleClaim) {
    this.roleClaim = roleClaim;
  }

  /**
   * The option {@code jwt.sessionClaims}.
   *
   * @return the value; {@code null} when unset
   */
  public Boolean getSessionClaims() {
    return sessionClaims;
  }

  /**
   * Sets the option {@code jwt.sessionClaims}.
   *
   * @param sessionClaims the value; {@code null} leaves it unset
   */
  public void setSessionClaims(Boolean sessionClaims) {
    this.sessionClaims = sessionClaims;
  }

  /**
   * The option {@code jwt.postgresOAuth}.
   *
   * @return the value; {@code null} when unset
   */
  public PostgresOAuthMode getPostgresOauth() {
    return postgresOauth;
  }

  /**
   * Sets the option {@code jwt.postgresOAuth}.
   *
   * @param postgresOauth the value; {@code null} leaves it unset
   */
  public void setPostgresOauth(PostgresOAuthMode postgresOauth) {
    this.postgresOauth = postgresOauth;
  }

  /**
   * The option {@code jwt.token}.
   *
   * @return the value; {@code null} when unset
   */
  public String getToken() {
    return token;
  }

  /**
   * Sets the option {@code jwt.token}.
   *
   * @param token the value; {@code null} leaves it unset
   */
  public void setToken(String token) {
    this.token = token;
  }

  /**
   * The option {@code jwt.tokenFile}.
   *
   * @return the value; {@code null} when unset
   */
  public String getTokenFile() {
    return tokenFile;
  }

  /**
   * Sets the option {@code jwt.tokenFile}.
   *
   * @param tokenFile the value; {@code null} leaves it unset
   */
  public void setTokenFile(String tokenFile) {
    this.tokenFile = tokenFile;
  }

  /**
   * The option {@code jwt.signingKey}.
   *
   * @return the value; {@code null} when unset
   */
  public String getSigningKey() {
    return signingKey;
  }

  /**
   * Sets the option {@code jwt.signingKey}.
   *
   * @param signingKey the value; {@code null} leaves it unset
   */
  public void setSigningKey(String signingKey) {
    this.signingKey = signingKey;
  }

  /**
   * The option {@code jwt.keyId}.
   *
   * @return the value; {@code null} when unset
   */
  public String getKeyId() {
    return keyId;
  }

  /**
   * Sets the option {@code jwt.keyId}.
   *
   * @param keyId the value; {@code null} leaves it unset
   */
  public void setKeyId(String keyId) {
    this.keyId = keyId;
  }

  /**
   * The option {@code jwt.algorithm}.
   *
   * @return the value; {@code null} when unset
   */
  public SigningAlgorithm getAlgorithm() {
    return algorithm;
  }

  /**
   * Sets the option {@code jwt.algorithm}.
   *
   * @param algorithm the value; {@code null} leaves it unset
   */
  public void setAlgorithm(SigningAlgorithm algorithm) {
    this.algorithm = algorithm;
  }

  /**
   * The option {@code jwt.issuer}.
   *
   * @return the value; {@code null} when unset
   */
  public String getIssuer() {
    return issuer;
  }

  /**
   * Sets the option {@code jwt.issuer}.
   *
   * @param issuer the value; {@code null} leaves it unset
   */
  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }

  /**
   * The option {@code jwt.subject}.
   *
   * @return the value; {@code null} when unset
   */
  public String getSubject() {
    return subject;
  }

  /**
   * Sets the option {@code jwt.subject}.
   *
   * @param subject the value; {@code null} leaves it unset
   */
  public void setSubject(String subject) {
    this.subject = subject;
  }

  /**
   * The option {@code jwt.audience}.
   *
   * @return the value; {@code null} when unset
   */
  public String getAudience() {
    return audience;
  }

  /**
   * Sets the option {@code jwt.audience}.
   *
   * @param audience the value; {@code null} leaves it unset
   */
  public void setAudience(String audience) {
    this.audience = audience;
  }

  /**
   * The option {@code jwt.ttl}.
   *
   * @return the value; {@code null} when unset
   */
  public Duration getTtl() {
    return ttl;
  }

  /**
   * Sets the option {@code jwt.ttl}.
   *
   * @param ttl the value; {@code null} leaves it unset
   */
  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  /**
   * The option {@code jwt.claim.*}.
   *
   * @return the value; {@code null} when unset
   */
  public Map<String, String> getClaims() {
    return claims;
  }

  /**
   * Sets the option {@code jwt.claim.*}.
   *
   * @param claims the value; {@code null} leaves it unset
   */
  public void setClaims(Map<String, String> claims) {
    this.claims = claims;
  }

  /**
   * The option {@code jwt.allowInsecureHttp}.
   *
   * @return the value; {@code null} when unset
   */
  public Boolean getAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * Sets the option {@code jwt.allowInsecureHttp}.
   *
   * @param allowInsecureHttp the value; {@code null} leaves it unset
   */
  public void setAllowInsecureHttp(Boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  /**
   * The option {@code jwt.httpTimeout}.
   *
   * @return the value; {@code null} when unset
   */
  public Duration getHttpTimeout() {
    return httpTimeout;
  }

  /**
   * Sets the option {@code jwt.httpTimeout}.
   *
   * @param httpTimeout the value; {@code null} leaves it unset
   */
  public void setHttpTimeout(Duration httpTimeout) {
    this.httpTimeout = httpTimeout;
  }

  /**
   * The option {@code jwt.trustStore}.
   *
   * @return the value; {@code null} when unset
   */
  public String getTrustStore() {
    return trustStore;
  }

  /**
   * Sets the option {@code jwt.trustStore}.
   *
   * @param trustStore the value; {@code null} leaves it unset
   */
  public void setTrustStore(String trustStore) {
    this.trustStore = trustStore;
  }

  /**
   * The option {@code jwt.trustStorePassword}.
   *
   * @return the value; {@code null} when unset
   */
  public String getTrustStorePassword() {
    return trustStorePassword;
  }

  /**
   * Sets the option {@code jwt.trustStorePassword}.
   *
   * @param trustStorePassword the value; {@code null} leaves it unset
   */
  public void setTrustStorePassword(String trustStorePassword) {
    this.trustStorePassword = trustStorePassword;
  }

  /**
   * The option {@code jwt.tokenEndpoint}.
   *
   * @return the value; {@code null} when unset
   */
  public String getTokenEndpoint() {
    return tokenEndpoint;
  }

  /**
   * Sets the option {@code jwt.tokenEndpoint}.
   *
   * @param tokenEndpoint the value; {@code null} leaves it unset
   */
  public void setTokenEndpoint(String tokenEndpoint) {
    this.tokenEndpoint = tokenEndpoint;
  }

  /**
   * The option {@code jwt.clientId}.
   *
   * @return the value; {@code null} when unset
   */
  public String getClientId() {
    return clientId;
  }

  /**
   * Sets the option {@code jwt.clientId}.
   *
   * @param clientId the value; {@code null} leaves it unset
   */
  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  /**
   * The option {@code jwt.clientSecret}.
   *
   * @return the value; {@code null} when unset
   */
  public String getClientSecret() {
    return clientSecret;
  }

  /**
   * Sets the option {@code jwt.clientSecret}.
   *
   * @param clientSecret the value; {@code null} leaves it unset
   */
  public void setClientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  /**
   * The option {@code jwt.clientAssertionKey}.
   *
   * @return the value; {@code null} when unset
   */
  public String getClientAssertionKey() {
    return clientAssertionKey;
  }

  /**
   * Sets the option {@code jwt.clientAssertionKey}.
   *
   * @param clientAssertionKey the value; {@code null} leaves it unset
   */
  public void setClientAssertionKey(String clientAssertionKey) {
    this.clientAssertionKey = clientAssertionKey;
  }

  /**
   * The option {@code jwt.clientAuthMethod}.
   *
   * @return the value; {@code null} when unset
   */
  public ClientAuthMethod getClientAuthMethod() {
    return clientAuthMethod;
  }

  /**
   * Sets the option {@code jwt.clientAuthMethod}.
   *
   * @param clientAuthMethod the value; {@code null} leaves it unset
   */
  public void setClientAuthMethod(ClientAuthMethod clientAuthMethod) {
    this.clientAuthMethod = clientAuthMethod;
  }

  /**
   * The option {@code jwt.scope}.
   *
   * @return the value; {@code null} when unset
   */
  public String getScope() {
    return scope;
  }

  /**
   * Sets the option {@code jwt.scope}.
   *
   * @param scope the value; {@code null} leaves it unset
   */
  public void setScope(String scope) {
    this.scope = scope;
  }

  /**
   * The option {@code jwt.resource}.
   *
   * @return the value; {@code null} when unset
   */
  public String getResource() {
    return resource;
  }

  /**
   * Sets the option {@code jwt.resource}.
   *
   * @param resource the value; {@code null} leaves it unset
   */
  public void setResource(String resource) {
    this.resource = resource;
  }

  /**
   * The option {@code jwt.subjectTokenFile}.
   *
   * @return the value; {@code null} when unset
   */
  public String getSubjectTokenFile() {
    return subjectTokenFile;
  }

  /**
   * Sets the option {@code jwt.subjectTokenFile}.
   *
   * @param subjectTokenFile the value; {@code null} leaves it unset
   */
  public void setSubjectTokenFile(String subjectTokenFile) {
    this.subjectTokenFile = subjectTokenFile;
  }

  /**
   * The option {@code jwt.subjectTokenProvider}.
   *
   * @return the value; {@code null} when unset
   */
  public String getSubjectTokenProvider() {
    return subjectTokenProvider;
  }

  /**
   * Sets the option {@code jwt.subjectTokenProvider}.
   *
   * @param subjectTokenProvider the value; {@code null} leaves it unset
   */
  public void setSubjectTokenProvider(String subjectTokenProvider) {
    this.subjectTokenProvider = subjectTokenProvider;
  }

  /**
   * The option {@code jwt.subjectTokenType}.
   *
   * @return the value; {@code null} when unset
   */
  public String getSubjectTokenType() {
    return subjectTokenType;
  }

  /**
   * Sets the option {@code jwt.subjectTokenType}.
   *
   * @param subjectTokenType the value; {@code null} leaves it unset
   */
  public void setSubjectTokenType(String subjectTokenType) {
    this.subjectTokenType = subjectTokenType;
  }

  /**
   * The option {@code jwt.requestedTokenType}.
   *
   * @return the value; {@code null} when unset
   */
  public String getRequestedTokenType() {
    return requestedTokenType;
  }

  /**
   * Sets the option {@code jwt.requestedTokenType}.
   *
   * @param requestedTokenType the value; {@code null} leaves it unset
   */
  public void setRequestedTokenType(String requestedTokenType) {
    this.requestedTokenType = requestedTokenType;
  }

  /**
   * The option {@code jwt.assertionFile}.
   *
   * @return the value; {@code null} when unset
   */
  public String getAssertionFile() {
    return assertionFile;
  }

  /**
   * Sets the option {@code jwt.assertionFile}.
   *
   * @param assertionFile the value; {@code null} leaves it unset
   */
  public void setAssertionFile(String assertionFile) {
    this.assertionFile = assertionFile;
  }

  /**
   * The option {@code jwt.assertionIssuer}.
   *
   * @return the value; {@code null} when unset
   */
  public String getAssertionIssuer() {
    return assertionIssuer;
  }

  /**
   * Sets the option {@code jwt.assertionIssuer}.
   *
   * @param assertionIssuer the value; {@code null} leaves it unset
   */
  public void setAssertionIssuer(String assertionIssuer) {
    this.assertionIssuer = assertionIssuer;
  }

  /**
   * The option {@code jwt.assertionAudience}.
   *
   * @return the value; {@code null} when unset
   */
  public String getAssertionAudience() {
    return assertionAudience;
  }

  /**
   * Sets the option {@code jwt.assertionAudience}.
   *
   * @param assertionAudience the value; {@code null} leaves it unset
   */
  public void setAssertionAudience(String assertionAudience) {
    this.assertionAudience = assertionAudience;
  }

  /**
   * The option {@code jwt.command}.
   *
   * @return the value; {@code null} when unset
   */
  public String getCommand() {
    return command;
  }

  /**
   * Sets the option {@code jwt.command}.
   *
   * @param command the value; {@code null} leaves it unset
   */
  public void setCommand(String command) {
    this.command = command;
  }

  /**
   * The option {@code jwt.commandTimeout}.
   *
   * @return the value; {@code null} when unset
   */
  public Duration getCommandTimeout() {
    return commandTimeout;
  }

  /**
   * Sets the option {@code jwt.commandTimeout}.
   *
   * @param commandTimeout the value; {@code null} leaves it unset
   */
  public void setCommandTimeout(Duration commandTimeout) {
    this.commandTimeout = commandTimeout;
  }

  /**
   * The option {@code jwt.commandTokenLifetime}.
   *
   * @return the value; {@code null} when unset
   */
  public Duration getCommandTokenLifetime() {
    return commandTokenLifetime;
  }

  /**
   * Sets the option {@code jwt.commandTokenLifetime}.
   *
   * @param commandTokenLifetime the value; {@code null} leaves it unset
   */
  public void setCommandTokenLifetime(Duration commandTokenLifetime) {
    this.commandTokenLifetime = commandTokenLifetime;
  }

  /**
   * The option {@code jwt.identityEndpoint}.
   *
   * @return the value; {@code null} when unset
   */
  public String getIdentityEndpoint() {
    return identityEndpoint;
  }

  /**
   * Sets the option {@code jwt.identityEndpoint}.
   *
   * @param identityEndpoint the value; {@code null} leaves it unset
   */
  public void setIdentityEndpoint(String identityEndpoint) {
    this.identityEndpoint = identityEndpoint;
  }

  /**
   * The option {@code jwt.metadataEndpoint}.
   *
   * @return the value; {@code null} when unset
   */
  public String getMetadataEndpoint() {
    return metadataEndpoint;
  }

  /**
   * Sets the option {@code jwt.metadataEndpoint}.
   *
   * @param metadataEndpoint the value; {@code null} leaves it unset
   */
  public void setMetadataEndpoint(String metadataEndpoint) {
    this.metadataEndpoint = metadataEndpoint;
  }

  /**
   * The option {@code jwt.serviceAccount}.
   *
   * @return the value; {@code null} when unset
   */
  public String getServiceAccount() {
    return serviceAccount;
  }

  /**
   * Sets the option {@code jwt.serviceAccount}.
   *
   * @param serviceAccount the value; {@code null} leaves it unset
   */
  public void setServiceAccount(String serviceAccount) {
    this.serviceAccount = serviceAccount;
  }

  /**
   * The option {@code jwt.dbHost}.
   *
   * @return the value; {@code null} when unset
   */
  public String getDbHost() {
    return dbHost;
  }

  /**
   * Sets the option {@code jwt.dbHost}.
   *
   * @param dbHost the value; {@code null} leaves it unset
   */
  public void setDbHost(String dbHost) {
    this.dbHost = dbHost;
  }

  /**
   * The option {@code jwt.dbPort}.
   *
   * @return the value; {@code null} when unset
   */
  public Integer getDbPort() {
    return dbPort;
  }

  /**
   * Sets the option {@code jwt.dbPort}.
   *
   * @param dbPort the value; {@code null} leaves it unset
   */
  public void setDbPort(Integer dbPort) {
    this.dbPort = dbPort;
  }

  /**
   * The option {@code jwt.region}.
   *
   * @return the value; {@code null} when unset
   */
  public String getRegion() {
    return region;
  }

  /**
   * Sets the option {@code jwt.region}.
   *
   * @param region the value; {@code null} leaves it unset
   */
  public void setRegion(String region) {
    this.region = region;
  }

  /**
   * The option {@code jwt.awsProfile}.
   *
   * @return the value; {@code null} when unset
   */
  public String getAwsProfile() {
    return awsProfile;
  }

  /**
   * Sets the option {@code jwt.awsProfile}.
   *
   * @param awsProfile the value; {@code null} leaves it unset
   */
  public void setAwsProfile(String awsProfile) {
    this.awsProfile = awsProfile;
  }
}
