package dev.jdbcjwt.jdbc.hikari;

import com.zaxxer.hikari.HikariConfig;
import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TestUsers;
import dev.jdbcjwt.token.cache.MinTokenLife;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** HikariCP 7's credentials-provider route: JwtHikari.configure tunes the pool and the provider together. */
class CredentialsProviderTuningTest {

  private static Map<String, String> signed(String ttl) {
    TestIssuer issuer = TestIssuer.shared();
    Map<String, String> o = new HashMap<>();
    o.put("jwt.provider", "signed");
    o.put("jwt.signingKey", issuer.privateKeyPem());
    o.put("jwt.keyId", issuer.keyId());
    o.put("jwt.issuer", issuer.issuer());
    o.put("jwt.audience", issuer.audience());
    o.put("jwt.ttl", ttl);
    return o;
  }

  private static HikariConfig withProvider(JwtCredentialsProvider provider) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://db.example/app");
    config.setCredentialsProvider(provider);
    return config;
  }

  @Test
  void configureTunesMaxLifetimeAndHasTheProviderAskForAllOfIt() throws Exception {
    JwtCredentialsProvider provider = JwtCredentialsProvider.of(TestUsers.uniqueName("cp_"), signed("15m"));
    assertThat(provider.minimum()).isEqualTo(MinTokenLife.share(0.10)); // the option's default until tuned
    HikariConfig config = withProvider(provider);
    JwtHikari.configure(config);
    // 15 min tokens, 30 s skew: X = 420 s, cap = 390 s; maxLifetime 2 s less for the connect
    assertThat(config.getMaxLifetime()).isEqualTo(388_000);
    assertThat(config.getKeepaliveTime()).isEqualTo(120_000);
    assertThat(provider.minimum()).isEqualTo(MinTokenLife.of(Duration.ofSeconds(390)));
    assertThat(config.getDataSourceProperties()).doesNotContainKey("jwt.minTokenLife");
  }

  @Test
  void aMinimumInTheProvidersOptionsIsKept() throws Exception {
    Map<String, String> options = signed("15m");
    options.put("jwt.minTokenLife", "5%");
    JwtCredentialsProvider provider = JwtCredentialsProvider.of(TestUsers.uniqueName("cp_"), options);
    HikariConfig config = withProvider(provider);
    JwtHikari.configure(config);
    assertThat(provider.minimum()).isEqualTo(MinTokenLife.share(0.05));
    assertThat(config.getMaxLifetime()).isEqualTo(783_000); // its own minimum: the longer maxLifetime
  }
}
