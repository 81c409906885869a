package dev.jdbcjwt.spring.boot.autoconfigure.metrics;

import dev.jdbcjwt.testing.leaks.LeakDetector;
import dev.jdbcjwt.testing.leaks.LeakSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The meter source of the leak watch, on a private detector (its secret is unknown to the suite-wide watch). */
class MeterLeakSourceTest {

  private final String secret = "meter-self-test-" + UUID.randomUUID();
  private final LeakDetector detector = new LeakDetector();

  private List<String> leaks() {
    List<String> found = new ArrayList<>();
    new MeterLeakSource().texts().forEach(text -> found.addAll(detector.leaksIn(text)));
    return found;
  }

  @Test
  void isFoundByTheLeakWatch() {
    assertThat(ServiceLoader.load(LeakSource.class).stream().map(ServiceLoader.Provider::type))
        .contains(MeterLeakSource.class);
  }

  @Test
  void tagsOfWatchedRegistriesAndOfTheGlobalOneAreChecked() {
    detector.register(secret);
    leaks(); // start from what is there
    SimpleMeterRegistry watched = MeterLeakSource.watch(new SimpleMeterRegistry());
    Counter.builder("jdbc.jwt.tokens.fetched").tag("source", "provider 'static' for user 'app'").register(watched);
    assertThat(leaks()).isEmpty();

    Counter.builder("jdbc.jwt.tokens.fetched").tag("source", "clientSecret=" + secret).register(watched);
    watched.clear(); // gone from the registry by the end of the class: still reported
    assertThat(leaks()).containsExactly("a registered secret of 52 characters");
    assertThat(leaks()).as("reported once").isEmpty();

    SimpleMeterRegistry global = new SimpleMeterRegistry();
    Metrics.addRegistry(global);
    try {
      Counter.builder("x").tag("k", secret).register(global);
      assertThat(leaks()).containsExactly("a registered secret of 52 characters");
    } finally {
      Metrics.removeRegistry(global);
    }
    assertThat(leaks()).isEmpty();
  }
}
