package dev.jdbcjwt.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rotation-without-churn targets (issue 17), judged on {@code facts.churn} ({@code ChurnBench}): logins per
 * minute and borrow latency against a static-password pool, identity-provider requests per token lifetime, the fleet
 * simulation, cold start.
 */
final class ChurnTargets {

  static final double LOGIN_LIMIT = 1.05;
  static final double BORROW_LIMIT = 1.10;
  static final double IDP_LIMIT = 2;
  static final double FLEET_LIMIT = 3;

  private ChurnTargets() {
  }

  static void judge(Results r, List<Target> t) {
    Map<?, ?> churn = r.facts.get("churn") instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> e2e = map(churn, "mariadb60s");
    Map<?, ?> m15 = map(churn, "model15min");
    Map<?, ?> m60 = map(churn, "model60s");
    logins(t, e2e, m15, m60);
    borrow(t, e2e);
    idp(t, e2e, m15, m60);
    fleet(t, map(churn, "fleet"));
    coldStart(t, map(churn, "coldStart"));
  }

  private static void logins(List<Target> t, Map<?, ?> e2e, Map<?, ?> m15, Map<?, ?> m60) {
    List<String> parts = new ArrayList<>();
    Boolean met = null;
    if (!e2e.isEmpty()) {
      parts.add("60 s tokens, MariaDB PAM: " + e2e.get("loginRatio") + "× (" + e2e.get("serverLogins") + " vs "
          + e2e.get("staticServerLogins") + " logins in " + e2e.get("seconds") + " s, maxLifetime "
          + e2e.get("maxLifetimeSeconds") + " s)");
      met = num(e2e, "loginRatio") <= LOGIN_LIMIT;
    }
    if (!m15.isEmpty()) {
      parts.add("15 min tokens, fake clock: " + m15.get("loginRatio") + "× (" + m15.get("retiredEarlyForToken")
          + " retired early for their token; the previous rule: " + previous(m15) + ")");
      met = (met == null || met) && num(m15, "loginRatio") <= LOGIN_LIMIT;
    }
    if (!m60.isEmpty()) {
      parts.add("60 s tokens, fake clock: " + m60.get("loginRatio") + "× (the previous rule: " + previous(m60) + ")");
    }
    t.add(new Target("logins per minute vs a static-password pool (same maxLifetime, same server check)",
        "≤ " + LOGIN_LIMIT + "×", parts.isEmpty() ? "not measured" : String.join("; ", parts), met, ""));
  }

  private static void borrow(List<Target> t, Map<?, ?> e2e) {
    if (e2e.isEmpty()) {
      t.add(new Target("borrow p99 and p99.9 with a slow login, no failed borrow", "≤ " + BORROW_LIMIT + "×",
          "not measured", null, "MariaDB did not run"));
      return;
    }
    boolean met = num(e2e, "p99Ratio") <= BORROW_LIMIT && num(e2e, "p999Ratio") <= BORROW_LIMIT
        && num(e2e, "failedBorrows") == 0;
    t.add(new Target("borrow p99 and p99.9 with a slow login, no failed borrow", "≤ " + BORROW_LIMIT + "×",
        "p99 " + e2e.get("p99Ratio") + "× (" + e2e.get("p99Micros") + " vs " + e2e.get("staticP99Micros")
            + " µs), p99.9 " + e2e.get("p999Ratio") + "× (" + e2e.get("p999Micros") + " vs "
            + e2e.get("staticP999Micros") + " µs), failed borrows " + e2e.get("failedBorrows"), met, ""));
  }

  private static void idp(List<Target> t, Map<?, ?> e2e, Map<?, ?> m15, Map<?, ?> m60) {
    List<String> parts = new ArrayList<>();
    boolean met = true;
    for (Map.Entry<String, Map<?, ?>> e : Map.of("60 s tokens, MariaDB pool", e2e, "15 min tokens, fake clock", m15,
        "60 s tokens, fake clock", m60).entrySet()) {
      if (!e.getValue().isEmpty()) {
        parts.add(e.getKey() + ": " + e.getValue().get("idpRequestsPerLifetime"));
        met &= num(e.getValue(), "idpRequestsPerLifetime") <= IDP_LIMIT;
      }
    }
    parts.sort(null);
    t.add(new Target("IdP requests per token lifetime per cache under a pool", "≤ 2",
        parts.isEmpty() ? "not measured" : String.join("; ", parts), parts.isEmpty() ? null : met, ""));
  }

  private static void fleet(List<Target> t, Map<?, ?> fleet) {
    if (!(fleet.get("peakToMean") instanceof Number peak)) {
      t.add(new Target("fleet of 10,000 caches: peak IdP rate in any 10 s window after the second lifetime",
          "≤ " + FLEET_LIMIT + "× the mean", "not measured", null, String.valueOf(fleet.get("status"))));
      return;
    }
    t.add(new Target("fleet of 10,000 caches: peak IdP rate in any 10 s window after the second lifetime",
        "≤ " + FLEET_LIMIT + "× the mean", peak + "× (the previous refresh rule: "
            + fleet.get("previousRulePeakToMean") + "×; " + fleet.get("requests") + " requests)",
        peak.doubleValue() <= FLEET_LIMIT, ""));
  }

  private static void coldStart(List<Target> t, Map<?, ?> cold) {
    if (cold.isEmpty()) {
      t.add(new Target("cold start: fresh JVM, first getConnection() to a usable connection", "reported",
          "not measured", null, ""));
      return;
    }
    t.add(new Target("cold start: fresh JVM, first getConnection() to a usable connection", "reported vs raw pgjdbc",
        cold.get("ratio") + "× (" + cold.get("jwtMillis") + " ms: token " + cold.get("jwtTokenMillis")
            + " ms (discovery " + cold.get("jwtDiscoveryMillis") + " ms, token request "
            + cold.get("jwtTokenRequestMillis") + " ms), rest " + cold.get("jwtRestMillis")
            + " ms (class loading, the driver's plan, the connect); raw pgjdbc, SCRAM password "
            + cold.get("rawMillis") + " ms; medians of " + cold.get("runs") + " JVMs each)", true, ""));
  }

  private static String previous(Map<?, ?> model) {
    Map<?, ?> p = map(model, "previousRule");
    return p.get("loginRatio") + "× with maxLifetime " + p.get("maxLifetimeSeconds") + " s";
  }

  private static Map<?, ?> map(Map<?, ?> m, String key) {
    return m.get(key) instanceof Map<?, ?> x ? x : Map.of();
  }

  private static double num(Map<?, ?> m, String key) {
    return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
