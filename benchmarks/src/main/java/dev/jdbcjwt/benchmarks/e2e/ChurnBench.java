package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.fleet.FleetSimulation;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.benchmarks.report.Skip;
import dev.jdbcjwt.testing.mariadb.MariaDbServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code churn} section (issue 17, rotation without churn): logins per minute and borrow latency of
 * {@code JwtHikariDataSource} against a static-password pool with the same {@code maxLifetime} and server-side check
 * ({@link PoolChurn}, MariaDB, 60 s tokens), the same on the fake clock for 15 min and 60 s tokens
 * ({@link ChurnModel}),
 * identity-provider requests per token lifetime, the fleet simulation, and cold start ({@link ColdStart}). Its figures
 * go to {@code facts.churn}; {@code Targets} judges them. Run alone with {@code sections=churn}; shorten with
 * {@code churn-seconds=N} and {@code cold-start-runs=N}.
 */
final class ChurnBench {

  static final String FACT = "churn";

  private ChurnBench() {
  }

  static void run(Settings settings, Results results, PostgresSetup pg) throws Exception {
    Map<String, Object> churn = new LinkedHashMap<>();
    results.facts.put(FACT, churn);
    EndToEnd.log("churn: HikariCP retirement on the fake clock, 15 min and 60 s tokens");
    churn.put("model15min", ChurnModel.run(Duration.ofMinutes(15)));
    churn.put("model60s", ChurnModel.run(Duration.ofSeconds(60)));
    fleet(churn);
    if (settings.runMariaDb()) {
      MariaDbServer server = null;
      try {
        server = MariaDbServer.start(pg.trustPolicy());
      } catch (RuntimeException e) {
        results.skipped.add(new Skip("churn: MariaDB", "the MariaDB test server did not start: " + e.getMessage()));
      }
      if (server != null) {
        try (MariaDbServer s = server) {
          EndToEnd.log("churn: JwtHikariDataSource over " + PoolChurn.TTL.toSeconds() + " s tokens vs a static pool, "
              + "MariaDB PAM, " + settings.churnSeconds() + " s");
          churn.put("mariadb60s", PoolChurn.run(settings, s, pg.idp()));
        }
      }
    } else {
      results.skipped.add(new Skip("churn: MariaDB", "skip-mariadb was given"));
    }
    EndToEnd.log("churn: cold start, " + settings.coldStartRuns() + " fresh JVMs per driver");
    churn.put("coldStart", ColdStart.run(settings.coldStartRuns(), pg, pg.idp()));
  }

  /**
   * The fleet simulation ({@link FleetSimulation}, on its own clock): 10,000 caches started within 10 s, 15-minute
   * tokens, five lifetimes; the curve (requests per 10 s window, summed per minute to keep the report short) and the
   * peak-to-mean ratio after the second lifetime, with the previous refresh rule's for comparison.
   */
  private static void fleet(Map<String, Object> churn) {
    FleetSimulation.Result now = FleetSimulation.issue17Fleet(17);
    FleetSimulation.Result before = FleetSimulation.previousRule(10_000, Duration.ofSeconds(10),
        Duration.ofMinutes(15), 5, 17);
    Duration from = now.lifetime().multipliedBy(2);
    Map<String, Object> fleet = new LinkedHashMap<>();
    fleet.put("caches", now.caches());
    fleet.put("peakToMean", Math.round(now.peakToMean(from) * 100) / 100.0);
    fleet.put("previousRulePeakToMean", Math.round(before.peakToMean(from) * 100) / 100.0);
    fleet.put("requests", now.total());
    fleet.put("requestsPerMinute", perMinute(now.requestsPerWindow()));
    churn.put("fleet", fleet);
  }

  private static List<Integer> perMinute(List<Integer> perWindow) {
    int per = (int) (Duration.ofMinutes(1).toMillis() / FleetSimulation.WINDOW.toMillis());
    List<Integer> minutes = new ArrayList<>();
    for (int i = 0; i < perWindow.size(); i += per) {
      minutes.add(perWindow.subList(i, Math.min(perWindow.size(), i + per)).stream().mapToInt(Integer::intValue)
          .sum());
    }
    return minutes;
  }
}
