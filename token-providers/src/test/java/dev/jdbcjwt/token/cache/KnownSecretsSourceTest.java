package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.providers.Redaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An identity provider (or command) that echoes the configuration's own secret: it never gets further. */
class KnownSecretsSourceTest {

  private static final String LITERAL = "EchoedClientSecret-1";
  private static final String FROM_ENV = "EchoedEnvSecret-2";

  @Test
  void theConfigurationsSecretsAreRemovedFromErrorsEventsAndLogs() throws Exception {
    LeakWatch.registerSecret(LITERAL);
    LeakWatch.registerSecret(FROM_ENV);
    FakeTime time = new FakeTime(Instant.parse("2026-06-01T00:00:00Z"));
    // as the built-in providers quote an identity provider's error_description: through Redaction.redact
    String idpText = "client secret " + LITERAL + " (and " + FROM_ENV + ") is not valid";
    TokenCacheRegistry registry = new TokenCacheRegistry(10, config -> () -> {
      throw TokenException.refused("token endpoint answered OAuth error 'invalid_client': "
          + Redaction.redact(idpText, 300), null);
    }, b -> b.clock(time).scheduler(time).executor(Runnable::run));
    List<TokenEvent> events = new CopyOnWriteArrayList<>();
    registry.addListener(events::add);
    TokenConfig config = TokenConfig.of(Map.of("jwt.provider", "client-credentials", "jwt.clientId", "orders",
        "jwt.clientSecret", LITERAL, "jwt.trustStorePassword", "env:TS_PASSWORD"), "app",
        name -> name.equals("TS_PASSWORD") ? FROM_ENV : null);

    TokenException e = catchThrowableOfType(TokenException.class, () -> registry.forConfig(config).fetch());

    assertThat(e.getMessage()).contains("client secret <redacted> (and <redacted>) is not valid")
        .doesNotContain(LITERAL, FROM_ENV);
    assertThat(e.kind()).isEqualTo(TokenException.Kind.REFUSED);
    assertThat(Redaction.redact(idpText, 300)).as("outside a fetch, the secrets are not known").contains(LITERAL);
    assertThat(events).isNotEmpty().allSatisfy(ev -> assertThat(ev.toString().contains(LITERAL)).isFalse());
  }
}
