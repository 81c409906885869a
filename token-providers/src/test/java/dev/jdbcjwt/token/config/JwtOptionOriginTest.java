package dev.jdbcjwt.token.config;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Where each option may come from: the registry's declarations, checked against the documented list. */
class JwtOptionOriginTest {

  /** Changing this list is a security decision: docs/security.md explains each entry. */
  private static final Set<String> URL_ALLOWED = Set.of("jwt.userClaim", "jwt.clockSkew", "jwt.refreshAhead",
      "jwt.minTokenLife", "jwt.onExpiry", "jwt.fetchTimeout", "jwt.roleClaim", "jwt.sessionClaims", "jwt.token",
      "jwt.httpTimeout", "jwt.postgresOAuth");

  @Test
  void onlyHarmlessTuningAndALiteralTokenMayComeFromAUrl() {
    Set<String> declared = Arrays.stream(JwtOption.values())
        .filter(o -> o.origin() == JwtOption.Origin.URL_ALLOWED).map(JwtOption::key).collect(Collectors.toSet());
    assertThat(declared).isEqualTo(URL_ALLOWED);
    for (JwtOption o : JwtOption.values()) {
      assertThat(o.allowedFromUrl("x")).as(o.key()).isEqualTo(URL_ALLOWED.contains(o.key()));
    }
  }

  @Test
  void aReferenceIsApplicationOnlyInEveryOption() {
    for (JwtOption o : JwtOption.values()) {
      assertThat(o.allowedFromUrl("env:HOME")).as(o.key()).isFalse();
      assertThat(o.allowedFromUrl(" file:/etc/passwd")).as(o.key()).isFalse();
    }
    assertThat(JwtOption.TOKEN.allowedFromUrl("eyJhbGciOiJub25lIn0.e30.")).isTrue();
  }

  @Test
  void theUrlMayChooseOnlyTheStaticProvider() {
    assertThat(JwtOption.PROVIDER.allowedFromUrl("static")).isTrue();
    assertThat(JwtOption.PROVIDER.allowedFromUrl(" static ")).isTrue();
    for (String other : new String[] {"exec", "file", "signed", "client-credentials", "token-exchange", "jwt-bearer",
        "azure-managed-identity", "gcp-metadata", "aws-rds-iam", "Static", "my-third-party", ""}) {
      assertThat(JwtOption.PROVIDER.allowedFromUrl(other)).as(other).isFalse();
    }
    assertThat(JwtOption.PROVIDER.originDescription()).isEqualTo("application; URL: `static` only");
  }
}
