package dev.jdbcjwt.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.config.TokenConfig;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CredentialInjectorTest {

  private static final TestIssuer ISSUER = TestIssuer.shared();

  @Test
  void theUserNamedInMessagesIsTheClaimUserWhenUserClaimIsSet() throws Exception {
    Token token = Token.fromJwt(ISSUER.mint("svc-1", c -> c.claim("db_user", "reporting")));
    CredentialInjector injector = new CredentialInjector(config(Map.of("jwt.userClaim", "db_user")));
    Properties configured = props("user", "app");

    assertThat(injector.userFor(token, configured)).isEqualTo("reporting");
    assertThat(injector.inject(token, props("user", "app")).getProperty("user")).isEqualTo("reporting");
  }

  @Test
  void withoutUserClaimTheConfiguredUserThenTheSubjectIsNamed() throws Exception {
    Token token = Token.fromJwt(ISSUER.mint("svc-1"));
    CredentialInjector injector = new CredentialInjector(config(Map.of()));

    assertThat(injector.userFor(token, props("user", "app"))).isEqualTo("app");
    assertThat(injector.userFor(token, new Properties())).isEqualTo("svc-1");
  }

  private static TokenConfig config(Map<String, String> extra) throws Exception {
    Map<String, String> options = new java.util.HashMap<>(extra);
    options.put("jwt.provider", "static");
    options.put("jwt.token", "unused");
    return TokenConfig.of(options, "app");
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }
}
