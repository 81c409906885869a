package dev.jdbcjwt.token.providers.cloud;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.http.Endpoints;
import dev.jdbcjwt.token.providers.http.HttpSettings;
import dev.jdbcjwt.token.providers.http.IdpHttp;
import dev.jdbcjwt.token.spi.TokenSourceProvider;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jwt.provider=azure-managed-identity}: a token of the Azure managed identity of this VM, AKS node, App Service,
 * Functions or Container Apps instance. With {@code IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER} in the environment
 * (App Service and friends) it asks that endpoint (api-version 2019-08-01, header {@code X-IDENTITY-HEADER}); otherwise
 * the instance metadata service (IMDS, api-version 2018-02-01, header {@code Metadata: true}). The resource defaults to
 * Azure Database for PostgreSQL/MySQL's; {@code jwt.clientId} picks a user-assigned identity.
 */
public final class AzureManagedIdentityProvider implements TokenSourceProvider {

  static final String IMDS_ENDPOINT = "http://169.254.169.254/metadata/identity/oauth2/token";
  static final String DEFAULT_RESOURCE = "https://ossrdbms-aad.database.windows.net";
  private static final Set<String> PLAIN_HTTP_HOSTS = Set.of("169.254.169.254");

  @Override
  public String name() {
    return "azure-managed-identity";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    IdpHttp http = new IdpHttp(HttpSettings.from(config), true);
    String resource = config.get(JwtOption.RESOURCE).orElse(DEFAULT_RESOURCE);
    Optional<String> clientId = config.get(JwtOption.CLIENT_ID);
    Optional<String> override = config.get(JwtOption.IDENTITY_ENDPOINT);
    Optional<String> envEndpoint = config.environment("IDENTITY_ENDPOINT");
    Optional<String> identityHeader = config.environment("IDENTITY_HEADER");
    boolean appService = identityHeader.isPresent() && (override.isPresent() || envEndpoint.isPresent());

    URI base;
    String source;
    if (override.isPresent()) {
      source = JwtOption.IDENTITY_ENDPOINT.key();
      base = Endpoints.parse(JwtOption.IDENTITY_ENDPOINT, override.get());
    } else if (appService) {
      source = "environment variable IDENTITY_ENDPOINT";
      base = Endpoints.parse(source, envEndpoint.get());
    } else {
      source = "the Azure instance metadata service";
      base = URI.create(IMDS_ENDPOINT);
    }
    Endpoints.requireSecure(base, source, http.settings(), PLAIN_HTTP_HOSTS);

    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("api-version", List.of(appService ? "2019-08-01" : "2018-02-01"));
    query.put("resource", List.of(resource));
    clientId.ifPresent(id -> query.put("client_id", List.of(id)));
    Map<String, Secret> headers = appService ? Map.of("X-IDENTITY-HEADER", Secret.of(identityHeader.get()))
        : Map.of("Metadata", Secret.of("true"));
    String what = appService ? "Azure App Service identity endpoint" : "Azure instance metadata service";
    String advice = "check that a managed identity is assigned to this Azure resource"
        + (clientId.isPresent() ? ", that " + JwtOption.CLIENT_ID.key() + " is its client id"
            : " (for a user-assigned identity set " + JwtOption.CLIENT_ID.key() + ")")
        + ", and " + JwtOption.RESOURCE.key() + " (now " + resource + ")";
    return new MetadataTokenSource(what, MetadataTokenSource.withQuery(base, query), headers, http,
        code -> advice, clock);
  }
}
