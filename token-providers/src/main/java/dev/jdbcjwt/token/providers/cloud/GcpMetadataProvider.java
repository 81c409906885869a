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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jwt.provider=gcp-metadata}: the OAuth access token of the instance's service account from the GCE/GKE metadata
 * server ({@code /computeMetadata/v1/instance/service-accounts/<account>/token}, header {@code Metadata-Flavor: Google}),
 * e.g. for Cloud SQL IAM database authentication. Opaque token; its lifetime comes from {@code expires_in}.
 */
public final class GcpMetadataProvider implements TokenSourceProvider {

  static final String DEFAULT_ENDPOINT = "http://metadata.google.internal";
  private static final Set<String> PLAIN_HTTP_HOSTS = Set.of("metadata.google.internal", "169.254.169.254");

  @Override
  public String name() {
    return "gcp-metadata";
  }

  @Override
  public TokenSource create(TokenConfig config, Clock clock) throws TokenException {
    IdpHttp http = new IdpHttp(HttpSettings.from(config), true);
    Optional<String> override = config.get(JwtOption.METADATA_ENDPOINT);
    Optional<String> envHost = config.environment("GCE_METADATA_HOST");
    String source = override.isPresent() ? JwtOption.METADATA_ENDPOINT.key()
        : envHost.isPresent() ? "environment variable GCE_METADATA_HOST" : "the GCE metadata server";
    String baseText = override.or(() -> envHost.map(h -> "http://" + h)).orElse(DEFAULT_ENDPOINT);
    URI base = Endpoints.parse(source, baseText.endsWith("/") ? baseText.substring(0, baseText.length() - 1)
        : baseText);
    Endpoints.requireSecure(base, source, http.settings(), PLAIN_HTTP_HOSTS);

    String account = config.get(JwtOption.SERVICE_ACCOUNT).orElse("default");
    URI uri = URI.create(base + "/computeMetadata/v1/instance/service-accounts/"
        + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/token");
    List<String> scopes = config.get(JwtOption.SCOPE)
        .map(s -> Arrays.stream(s.split("[\\s,]+")).filter(x -> !x.isEmpty()).toList()).orElse(List.of());
    if (!scopes.isEmpty()) {
      uri = MetadataTokenSource.withQuery(uri, Map.of("scopes", List.of(String.join(",", scopes))));
    }
    String advice = "check that the instance runs as service account '" + account + "' ("
        + JwtOption.SERVICE_ACCOUNT.key() + ") and that its scopes allow the database login (Cloud SQL IAM needs "
        + "https://www.googleapis.com/auth/sqlservice.login or cloud-platform)";
    return new MetadataTokenSource("GCE metadata server", uri, Map.of("Metadata-Flavor", Secret.of("Google")), http,
        code -> advice, clock);
  }
}
