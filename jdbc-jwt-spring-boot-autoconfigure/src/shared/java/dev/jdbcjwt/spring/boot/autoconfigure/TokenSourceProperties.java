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

  /**
   * The options set here, keyed by {@code jwt.*} name, in the driver's text form. Contains secrets: never log it.
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

  public String getMinTokenLife() {
    return minTokenLife;
  }

  public void setMinTokenLife(String minTokenLife) {
    this.minTokenLife = minTokenLife;
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

  public PostgresOAuthMode getPostgresOauth() {
    return postgresOauth;
  }

  public void setPostgresOauth(PostgresOAuthMode postgresOauth) {
    this.postgresOauth = postgresOauth;
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

  public SigningAlgorithm getAlgorithm() {
    return algorithm;
  }

  public void setAlgorithm(SigningAlgorithm algorithm) {
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

  public ClientAuthMethod getClientAuthMethod() {
    return clientAuthMethod;
  }

  public void setClientAuthMethod(ClientAuthMethod clientAuthMethod) {
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

  public Integer getDbPort() {
    return dbPort;
  }

  public void setDbPort(Integer dbPort) {
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
