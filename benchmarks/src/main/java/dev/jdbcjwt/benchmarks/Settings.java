package dev.jdbcjwt.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How much to measure. {@code full} is what docs/performance.md reports (about ten minutes on 2 cores with the build);
 * {@code smoke} only proves that every part runs and the reports are written (a few seconds, for the module's test).
 * Arguments are {@code key=value} or a bare flag: {@code preset=smoke out=DIR skip-jmh skip-e2e skip-mariadb jfr
 * jmh-prof=gc sections=hikari,idp connects=200 burst=10000 churn-seconds=60 cold-start-runs=3 ...};
 * {@code sections=churn skip-jmh} runs only the rotation-churn group.
 */
public record Settings(
    String preset,
    Path out,
    boolean runJmh,
    boolean runEndToEnd,
    boolean runMariaDb,
    boolean jfr,
    int jmhForks,
    int jmhWarmupIterations,
    int jmhMeasurementIterations,
    int jmhIterationMillis,
    String jmhProfiler,
    int rounds,
    int connectWarmup,
    int connectsPerRound,
    int mariaDbConnectsPerRound,
    int statementWarmup,
    int statementsPerRound,
    int hikariRounds,
    int hikariWindowMillis,
    int hikariThreads,
    int hikariPoolSize,
    int burstConnections,
    int burstThreads,
    int rotatingBurstConnections,
    int churnSeconds,
    int coldStartRuns,
    Set<String> sections) {

  /** The end-to-end sections, in the order they run; {@code sections=hikari,idp} runs only those. */
  public static final List<String> ALL_SECTIONS = List.of("pg-connect", "pg-statements", "mariadb", "hikari", "idp",
      "churn", "pg18");

  public static Settings full(Path out) {
    return new Settings("full", out, true, true, true, false,
        1, 3, 5, 1_000, null,
        12, 40, 120, 8, 500, 1_500,
        8, 2_500, 4, 8,
        10_000, 64, 5_000, 180, 5, Set.copyOf(ALL_SECTIONS));
  }

  public static Settings smoke(Path out) {
    return new Settings("smoke", out, true, true, true, false,
        0, 0, 1, 50, null,
        2, 2, 5, 2, 20, 40,
        2, 300, 4, 4,
        200, 64, 100, 4, 1, Set.copyOf(ALL_SECTIONS));
  }

  /** Parses {@code key=value} and flag arguments over the preset they name (default {@code full}). */
  public static Settings parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.isBlank()) {
        continue;
      }
      int eq = arg.indexOf('=');
      a.put(eq < 0 ? arg.strip() : arg.substring(0, eq).strip(), eq < 0 ? "true" : arg.substring(eq + 1).strip());
    }
    Path out = Path.of(a.getOrDefault("out", "target/benchmark-results"));
    String preset = a.getOrDefault("preset", "full").toLowerCase(Locale.ROOT);
    Settings s = switch (preset) {
      case "full" -> full(out);
      case "smoke" -> smoke(out);
      default -> throw new IllegalArgumentException("preset must be full or smoke, not " + preset);
    };
    return new Settings(s.preset, out,
        s.runJmh && !a.containsKey("skip-jmh"),
        s.runEndToEnd && !a.containsKey("skip-e2e"),
        s.runMariaDb && !a.containsKey("skip-mariadb"),
        a.containsKey("jfr"),
        s.jmhForks, s.jmhWarmupIterations, s.jmhMeasurementIterations, s.jmhIterationMillis,
        a.getOrDefault("jmh-prof", s.jmhProfiler),
        integer(a, "rounds", s.rounds), s.connectWarmup, integer(a, "connects", s.connectsPerRound),
        s.mariaDbConnectsPerRound, s.statementWarmup, integer(a, "statements", s.statementsPerRound),
        integer(a, "hikari-rounds", s.hikariRounds), integer(a, "hikari-window-ms", s.hikariWindowMillis),
        s.hikariThreads, s.hikariPoolSize,
        integer(a, "burst", s.burstConnections), s.burstThreads,
        integer(a, "rotating-burst", s.rotatingBurstConnections),
        integer(a, "churn-seconds", s.churnSeconds), integer(a, "cold-start-runs", s.coldStartRuns),
        a.containsKey("sections") ? sections(a.get("sections")) : s.sections);
  }

  private static Set<String> sections(String list) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : list.split(",")) {
      if (!ALL_SECTIONS.contains(name.strip())) {
        throw new IllegalArgumentException("unknown section '" + name + "'; sections are " + ALL_SECTIONS);
      }
      chosen.add(name.strip());
    }
    return chosen;
  }

  /** Whether the end-to-end section {@code name} is to run. */
  public boolean runs(String name) {
    return runEndToEnd && sections.contains(name);
  }

  private static int integer(Map<String, String> a, String key, int otherwise) {
    return a.containsKey(key) ? Integer.parseInt(a.get(key)) : otherwise;
  }

  /** For the JSON report. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("preset", preset);
    m.put("jmh", Map.of("forks", jmhForks, "warmupIterations", jmhWarmupIterations,
        "measurementIterations", jmhMeasurementIterations, "iterationMillis", jmhIterationMillis));
    m.put("rounds", rounds);
    m.put("connectWarmupPerVariant", connectWarmup);
    m.put("connectsPerRoundPerVariant", connectsPerRound);
    m.put("mariaDbConnectsPerRoundPerVariant", mariaDbConnectsPerRound);
    m.put("statementWarmupPerVariant", statementWarmup);
    m.put("statementsPerRoundPerVariant", statementsPerRound);
    m.put("hikariRounds", hikariRounds);
    m.put("hikariWindowMillis", hikariWindowMillis);
    m.put("hikariThreads", hikariThreads);
    m.put("hikariPoolSize", hikariPoolSize);
    m.put("burstConnections", burstConnections);
    m.put("burstThreads", burstThreads);
    m.put("rotatingBurstConnections", rotatingBurstConnections);
    m.put("churnSeconds", churnSeconds);
    m.put("coldStartRuns", coldStartRuns);
    m.put("sections", ALL_SECTIONS.stream().filter(sections::contains).toList());
    return m;
  }
}
