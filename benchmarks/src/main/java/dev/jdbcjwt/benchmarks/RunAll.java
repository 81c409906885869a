package dev.jdbcjwt.benchmarks;

import dev.jdbcjwt.benchmarks.e2e.EndToEnd;
import dev.jdbcjwt.benchmarks.micro.MicroBenchmarks;
import dev.jdbcjwt.benchmarks.report.Json;
import dev.jdbcjwt.benchmarks.report.Machine;
import dev.jdbcjwt.benchmarks.report.Markdown;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.benchmarks.report.Skip;
import dev.jdbcjwt.benchmarks.report.Targets;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the JMH microbenchmarks and the end-to-end comparison, judges the targets and writes {@code results.md} and
 * {@code results.json} to {@code out}. See docs/performance.md for the command; arguments are described in
 * {@link Settings}.
 */
public final class RunAll {

  private RunAll() {
  }

  public static void main(String[] args) throws Exception {
    Results results = run(Settings.parse(args));
    results.targets.forEach(t -> System.out.printf("  %-60s %s  [%s]%n", t.target(), t.measured(),
        t.met() == null ? "not measured" : t.met() ? "met" : "MISSED"));
    System.exit(0); // harness servers and pools leave no non-daemon thread behind, but be sure
  }

  /** Runs what {@code settings} asks for and writes the reports; returns what was measured. */
  public static Results run(Settings settings) throws Exception {
    Logger.getLogger("").setLevel(Level.WARNING);
    Results r = new Results();
    long start = System.nanoTime();
    r.startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    r.machine.putAll(Machine.describe());
    r.settings.putAll(settings.describe());
    if (settings.runJmh()) {
      long t = System.nanoTime();
      r.micro.addAll(MicroBenchmarks.run(settings));
      r.microSeconds = (System.nanoTime() - t) / 1e9;
    } else {
      r.skipped.add(new Skip("JMH microbenchmarks", "skip-jmh was given"));
    }
    if (settings.runEndToEnd()) {
      long t = System.nanoTime();
      Files.createDirectories(settings.out());
      Recording jfr = settings.jfr() ? new Recording(Configuration.getConfiguration("profile")) : null;
      if (jfr != null) {
        jfr.start();
      }
      try {
        EndToEnd.run(settings, r);
      } finally {
        if (jfr != null) {
          jfr.dump(settings.out().resolve("end-to-end.jfr"));
          jfr.close();
        }
      }
      r.endToEndSeconds = (System.nanoTime() - t) / 1e9;
    } else {
      r.skipped.add(new Skip("end-to-end comparison", "skip-e2e was given"));
    }
    r.targets.addAll(Targets.judge(r));
    r.machine.put("loadAverageAtEnd", Machine.loadAverage());
    r.seconds = (System.nanoTime() - start) / 1e9;
    write(settings.out(), r);
    return r;
  }

  private static void write(Path out, Results r) throws java.io.IOException {
    Files.createDirectories(out);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schema", "jdbc-jwt-benchmarks/1");
    json.put("startedAt", r.startedAt);
    json.put("seconds", r.seconds);
    json.put("jmhSeconds", r.microSeconds);
    json.put("endToEndSeconds", r.endToEndSeconds);
    json.put("machine", r.machine);
    json.put("settings", r.settings);
    json.put("versions", r.versions);
    json.put("targets", r.targets);
    json.put("groups", r.groups);
    json.put("rows", r.rows);
    json.put("idp", r.idp);
    json.put("facts", r.facts);
    json.put("micro", r.micro);
    json.put("skipped", r.skipped);
    Files.writeString(out.resolve("results.json"), Json.write(json), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("results.md"), Markdown.write(r), StandardCharsets.UTF_8);
    System.out.println("[benchmarks] wrote " + out.resolve("results.md") + " and " + out.resolve("results.json"));
  }
}
