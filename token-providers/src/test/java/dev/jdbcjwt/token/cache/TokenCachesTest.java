package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.config.TokenConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCachesTest {

  @Test
  void labelsTellCachesApartWithoutSecrets() throws Exception {
    assertThat(TokenCaches.labelOf(TokenConfig.of(Map.of("jwt.provider", "client-credentials",
        "jwt.issuer", "https://idp/realms/a", "jwt.clientId", "orders", "jwt.clientSecret", "s3cr3t"), "app")))
        .isEqualTo("provider 'client-credentials' for user 'app' (issuer https://idp/realms/a)");
    assertThat(TokenCaches.labelOf(TokenConfig.of(Map.of("jwt.provider", "exec",
        "jwt.command", "vault read -field=token secret/db --token=hvs.SECRET"), null)))
        .isEqualTo("provider 'exec' (command vault)");
    assertThat(TokenCaches.labelOf(TokenConfig.of(Map.of("jwt.provider", "client-credentials",
        "jwt.tokenEndpoint", "https://idp:8443/token?api_key=SECRET1#frag", "jwt.clientId", "c"), "app")))
        .isEqualTo("provider 'client-credentials' for user 'app' (tokenEndpoint https://idp:8443/token)");
    assertThat(TokenCaches.labelOf(TokenConfig.of(Map.of("jwt.provider", "exec",
        "jwt.command", "/usr/local/bin/get-token\t--api-key\tSECRET2"), null)))
        .isEqualTo("provider 'exec' (command get-token)");
    assertThat(TokenCaches.labelOf(TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "abc"), "u")))
        .isEqualTo("provider 'static' for user 'u'");
  }

  @Test
  void equalConfigurationsShareOneCacheAndOthersDoNot() throws Exception {
    TokenCaches.clear();
    TokenConfig a = TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "token-a"), "u");
    TokenConfig same = TokenConfig.of(Map.of("jwt.token", "token-a", "jwt.provider", "static"), "u");
    TokenConfig b = TokenConfig.of(Map.of("jwt.provider", "static", "jwt.token", "token-b"), "u");
    assertThat(TokenCaches.forConfig(a)).isSameAs(TokenCaches.forConfig(same)).isNotSameAs(TokenCaches.forConfig(b));
    assertThat(TokenCaches.forConfig(a).fetch().value().reveal()).isEqualTo("token-a");
    assertThat(TokenCaches.forConfig(b).fetch().value().reveal()).isEqualTo("token-b");
    TokenCaches.clear();
  }
}
