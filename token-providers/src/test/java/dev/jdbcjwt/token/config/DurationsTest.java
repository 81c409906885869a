package dev.jdbcjwt.token.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"90s,90000", "15m,900000", "1h,3600000", "500ms,500", "2d,172800000", "PT90S,90000", "pt1m,60000",
      " 30s ,30000", "1m30s,90000", "1h 30m,5400000"})
  void readsShortAndIsoForms(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ten", "10", "10 minutes", "1.5h", "P"})
  void rejectsOtherTextWithTheAcceptedForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("90s, 15m, 1h");
  }

  @ParameterizedTest
  @CsvSource({"90000,1m30s", "3600000,1h", "500,500ms", "0,0s", "5430000,1h30m30s"})
  void formatsShortlyAndReadsItBack(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }
}
