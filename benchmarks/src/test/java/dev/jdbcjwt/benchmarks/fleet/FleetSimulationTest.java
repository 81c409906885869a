package dev.jdbcjwt.benchmarks.fleet;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 17's fleet target on the fake clock: the refresh spreading decorrelates a fleet that started together. */
class FleetSimulationTest {

  private static final Duration TWO_LIFETIMES = Duration.ofMinutes(30);

  @Test
  void aFleetThatStartedTogetherStopsRefreshingTogetherWithinTwoLifetimes() {
    FleetSimulation.Result fleet = FleetSimulation.issue17Fleet(17);
    double ratio = fleet.peakToMean(TWO_LIFETIMES);
    System.out.printf("fleet of 10,000: peak/mean after two lifetimes %.2f, %d requests%n", ratio, fleet.total());
    assertThat(ratio).isLessThanOrEqualTo(3.0);
    assertThat(fleet.requestsPerWindow()).hasSize(5 * 90);
    assertThat(fleet.requestsPerWindow().get(0)).as("the cold start").isEqualTo(10_000);
    // about 1.4 refreshes per lifetime per cache (every 652.5 s, the first sooner), never two per lifetime
    assertThat(fleet.total()).isBetween(10_000L * 7, 10_000L * 10);
  }

  @Test
  void underThePreviousRuleTheFleetStayedInStep() {
    FleetSimulation.Result before = FleetSimulation.previousRule(10_000, Duration.ofSeconds(10),
        Duration.ofMinutes(15), 5, 17);
    double ratio = before.peakToMean(TWO_LIFETIMES);
    System.out.printf("fleet of 10,000 under the previous rule: peak/mean after two lifetimes %.2f%n", ratio);
    assertThat(ratio).isGreaterThan(6.0);
  }
}
