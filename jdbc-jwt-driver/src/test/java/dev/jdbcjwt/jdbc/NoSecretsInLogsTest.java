package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.leaks.LeakWatch;
import dev.jdbcjwt.token.cache.TokenCaches;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suite-wide {@link LeakWatch} fails any test class whose logs carry a token; this class shows that the watch
 * sees the driver's log records at the finest level and recognises a token when one is there.
 */
class NoSecretsInLogsTest {

  @Test
  void theWatchRecognisesTokensAndRegisteredSecrets() {
    String token = TestIssuer.shared().mint("someone");
    assertThat(LeakWatch.leaksIn("connecting with " + token)).containsExactly("a JWT-shaped token");
    assertThat(LeakWatch.leaksIn("connecting with " + TestIssuer.shared().privateKeyPem()))
        .contains("a registered secret of 64 characters");
    assertThat(LeakWatch.leaksIn("connecting as app")).isEmpty();
  }

  @Test
  void aLiteralSecretInTheUrlIsWarnedAboutWithoutItsValue() throws Exception {
    TokenCaches.clear();
    StubDriver.reset();
    String token = TestIssuer.shared().mint("app");
    DriverManager.getConnection("jdbc:jwt:stub:db?jwt.provider=static&jwt.token=" + token, new Properties()).close();
    // warned once per JVM: an earlier test may have triggered it, so look at everything captured so far
    List<String> records = LeakWatch.captured();
    assertThat(records).anySatisfy(r -> assertThat(r).contains("WARNING").contains("jwt.token is given literally"));
    // a boolean check: a failure message must not quote a record that holds a token
    assertThat(records.stream().allMatch(r -> LeakWatch.leaksIn(r).isEmpty())).as("no captured record holds a token")
        .isTrue();
    assertThat(StubDriver.INSTANCE.lastCall().properties().getProperty("password")).isEqualTo(token);
  }
}
