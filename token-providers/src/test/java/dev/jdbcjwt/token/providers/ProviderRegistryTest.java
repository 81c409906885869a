package dev.jdbcjwt.token.providers;

import dev.jdbcjwt.token.TokenSources;
import dev.jdbcjwt.token.config.JwtOption;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRegistryTest {

  @Test
  void everyProviderOfTheDesignIsOnTheClassPath() {
    assertThat(TokenSources.providers()).containsKeys("static", "file", "signed", "client-credentials",
        "token-exchange", "jwt-bearer", "exec", "azure-managed-identity", "gcp-metadata", "aws-rds-iam");
  }

  @Test
  void everyCredentialBearingOptionIsASecretAndEveryGroupHasOptions() {
    assertThat(Arrays.stream(JwtOption.values()).filter(JwtOption::isSecret).map(JwtOption::key))
        .contains("jwt.clientSecret", "jwt.clientAssertionKey", "jwt.trustStorePassword");
    for (JwtOption.Group group : JwtOption.Group.values()) {
      assertThat(Arrays.stream(JwtOption.values()).filter(o -> o.group() == group)).as(group.title()).isNotEmpty();
    }
    assertThat(JwtOption.PROVIDER.description()).contains(TokenSources.providers().keySet());
  }
}
