package dev.jdbcjwt.token.config;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.providers.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenConfigTest {

  @Test
  void unknownOptionsNameTheClosestValidOne() {
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.isuer", "x"), null))
        .isInstanceOf(TokenException.class)
        .hasMessage("Unknown option 'jwt.isuer'. Did you mean 'jwt.issuer'?")
        .extracting(e -> ((TokenException) e).kind()).isEqualTo(TokenException.Kind.CONFIGURATION);
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.signingkey", "x"), null))
        .hasMessageContaining("Did you mean 'jwt.signingKey'?");
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.zzzzzzzzzzzzzzzzzzzzzz", "x"), null))
        .hasMessageContaining("See docs/configuration.md");
  }

  @Test
  void badDurationsAndChoicesNameTheOption() {
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.ttl", "ten minutes"), null))
        .hasMessage("jwt.ttl: 'ten minutes' is not a duration; write e.g. 90s, 15m, 1h, 500ms or PT90S");
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.algorithm", "HS256"), null))
        .hasMessageStartingWith("jwt.algorithm must be one of RS256");
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.issuer", " "), null))
        .hasMessageContaining("jwt.issuer is empty");
  }

  @Test
  void defaultsAndTypedValues() throws Exception {
    TokenConfig c = TokenConfig.of(Map.of("jwt.ttl", "2m", "jwt.claim.tenant", "acme"), "app");
    assertThat(c.duration(JwtOption.TTL)).contains(Duration.ofMinutes(2));
    assertThat(c.duration(JwtOption.CLOCK_SKEW)).contains(Duration.ofSeconds(30));
    assertThat(c.get(JwtOption.TOKEN_PROPERTY)).contains("password");
    assertThat(c.prefixed(JwtOption.CLAIM)).containsExactly(Map.entry("tenant", "acme"));
    assertThat(c.user()).contains("app");
    assertThatThrownBy(() -> c.require(JwtOption.PROVIDER, "to choose where tokens come from"))
        .hasMessage("jwt.provider is required to choose where tokens come from; add it to the URL or properties");
  }

  @Test
  void eachValueTypeHasItsTypedGetter() throws Exception {
    TokenConfig c = TokenConfig.of(Map.of("jwt.onExpiry", "close", "jwt.sessionClaims", "true",
        "jwt.algorithm", "EdDSA", "jwt.dbPort", "5432", "jwt.refreshAhead", "2m", "jwt.tokenFile", "/run/token",
        "jwt.clientAuthMethod", "private_key_jwt"), null);
    assertThat(c.choice(JwtOption.ON_EXPIRY, OnExpiry.class)).contains(OnExpiry.CLOSE);
    assertThat(c.choice(JwtOption.ALGORITHM, SigningAlgorithm.class)).contains(SigningAlgorithm.EdDSA);
    assertThat(c.choice(JwtOption.CLIENT_AUTH_METHOD, ClientAuthMethod.class))
        .contains(ClientAuthMethod.PRIVATE_KEY_JWT);
    assertThat(c.choice(JwtOption.POSTGRES_OAUTH, PostgresOAuthMode.class)).contains(PostgresOAuthMode.AUTO);
    assertThat(c.bool(JwtOption.SESSION_CLAIMS)).isTrue();
    assertThat(c.bool(JwtOption.ALLOW_INSECURE_HTTP)).isFalse();
    assertThat(c.integer(JwtOption.DB_PORT)).contains(5432);
    assertThat(c.shareOrDuration(JwtOption.REFRESH_AHEAD)).contains(ShareOrDuration.ofDuration(Duration.ofMinutes(2)));
    assertThat(TokenConfig.of(Map.of(), null).shareOrDuration(JwtOption.REFRESH_AHEAD))
        .contains(ShareOrDuration.ofShare(0.25));
    assertThat(c.path(JwtOption.TOKEN_FILE)).contains(Path.of("/run/token"));
  }

  @Test
  void aGetterThatDoesNotFitTheOptionsTypeIsAProgrammingError() throws Exception {
    TokenConfig c = TokenConfig.of(Map.of(), null);
    assertThatThrownBy(() -> c.bool(JwtOption.CLOCK_SKEW)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwt.clockSkew is DURATION");
    assertThatThrownBy(() -> c.choice(JwtOption.ON_EXPIRY, PostgresOAuthMode.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgresOAuthMode");
  }

  @Test
  void choicesComeFromTheRegistrysEnumsAndBooleansAreNoLongerChoices() throws Exception {
    assertThat(JwtOption.ON_EXPIRY.choices()).containsExactly("evict", "close", "none");
    assertThat(JwtOption.ALGORITHM.choiceType()).contains(SigningAlgorithm.class);
    assertThat(JwtOption.SESSION_CLAIMS.type()).isEqualTo(OptionType.BOOLEAN);
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.sessionClaims", "yes"), null))
        .hasMessage("jwt.sessionClaims must be one of true, false (got 'yes')");
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.dbPort", "99999"), null))
        .hasMessage("jwt.dbPort must be a port number, 1 to 65535 (got '99999')");
  }

  @Test
  void secretReferencesAreResolvedAndErrorsNameTheSource(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("secret.txt");
    Files.writeString(file, "from-file\n");
    Map<String, String> env = Map.of("DB_TOKEN", "from-env");
    assertThat(TokenConfig.of(Map.of("jwt.token", "env:DB_TOKEN"), null, env::get).secret(JwtOption.TOKEN)
        .orElseThrow().reveal()).isEqualTo("from-env");
    assertThat(TokenConfig.of(Map.of("jwt.token", "file:" + file), null, env::get).secret(JwtOption.TOKEN)
        .orElseThrow().reveal()).isEqualTo("from-file");
    assertThat(TokenConfig.of(Map.of("jwt.token", "literal"), null, env::get).secret(JwtOption.TOKEN)
        .orElseThrow().reveal()).isEqualTo("literal");

    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.token", "env:MISSING"), null, env::get)
        .secret(JwtOption.TOKEN)).hasMessage("jwt.token refers to environment variable 'MISSING', which is not set; "
        + "set it or change jwt.token");
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> TokenConfig.of(Map.of("jwt.signingKey", "file:" + missing), null)
        .secret(JwtOption.SIGNING_KEY)).hasMessage("jwt.signingKey: file '" + missing + "' does not exist");
  }

  @Test
  void toStringRedactsLiteralSecretsButShowsReferences() throws Exception {
    TokenConfig c = TokenConfig.of(Map.of("jwt.token", "s3cr3t-value", "jwt.signingKey", "file:/keys/k.pem",
        "jwt.issuer", "https://idp"), "app");
    assertThat(c.toString()).doesNotContain("s3cr3t-value").contains("jwt.token=<redacted>")
        .contains("file:/keys/k.pem").contains("https://idp");
  }

  @Test
  void equalConfigurationsAreEqualAndDifferentOnesAreNot() throws Exception {
    assertThat(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "a"), "u"))
        .isEqualTo(TokenConfig.of(Map.of("jwt.token", "a", "jwt.provider", "static"), "u"))
        .isNotEqualTo(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "a"), "other"))
        .isNotEqualTo(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "b"), "u"));
  }

  @Test
  void secretOptionsAreHeldAsSecretsAndReadOnlyThroughTheTypedGetter() throws Exception {
    TokenConfig c = TokenConfig.of(Map.of("jwt.provider", "client-credentials", "jwt.clientSecret", "s3cr3t-value",
        "jwt.signingKey", "file:/keys/k.pem", "jwt.clientId", "orders"), "app");
    assertThat(c.secret(JwtOption.CLIENT_SECRET)).get().isInstanceOf(Secret.class)
        .hasToString(Redaction.REDACTED).extracting(Secret::reveal).isEqualTo("s3cr3t-value");
    assertThatThrownBy(() -> c.get(JwtOption.CLIENT_SECRET)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secret()").hasMessageNotContaining("s3cr3t-value");
    assertThatThrownBy(() -> c.secret(JwtOption.CLIENT_ID)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.has(JwtOption.CLIENT_SECRET)).isTrue();
    assertThat(c.has(JwtOption.TOKEN)).isFalse();
    assertThat(c.options()).containsOnlyKeys("jwt.provider", "jwt.clientId");
    assertThat(c.printable()).containsEntry("jwt.clientSecret", Redaction.REDACTED)
        .containsEntry("jwt.signingKey", "file:/keys/k.pem").containsEntry("jwt.clientId", "orders");
    assertThat(c.revealed()).containsEntry("jwt.clientSecret", "s3cr3t-value").hasSize(4);
    assertThat(c.secretFile(JwtOption.SIGNING_KEY)).contains(Path.of("/keys/k.pem"));
    assertThat(c.secretFile(JwtOption.CLIENT_SECRET)).isEmpty();
    assertThat(TokenConfig.of(c.revealed(), "app")).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.with(JwtOption.CLIENT_ID, "billing").secret(JwtOption.CLIENT_SECRET).orElseThrow().reveal())
        .isEqualTo("s3cr3t-value");
  }
}
