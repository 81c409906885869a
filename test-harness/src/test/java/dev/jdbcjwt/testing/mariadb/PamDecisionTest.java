package dev.jdbcjwt.testing.mariadb;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PamDecisionTest {

  @Test
  void parsesTheModulesLogLines() {
    assertThat(PamDecision.parse("2026-01-02T03:04:05.123456Z user=app result=refused reason=wrong audience"))
        .contains(new PamDecision(Instant.parse("2026-01-02T03:04:05.123456Z"), "app", false, "wrong audience"));
    assertThat(PamDecision.parse("2026-01-02T03:04:05Z user=app result=accepted reason=valid token, key id k1"))
        .hasValueSatisfying(d -> assertThat(d.accepted()).isTrue());
    assertThat(PamDecision.parse("something else")).isEmpty();
  }
}
