package dev.jdbcjwt.benchmarks.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown report: targets first, then every table the targets were judged on. */
public final class Markdown {

  private Markdown() {
  }

  public static String write(Results r) {
    StringBuilder md = new StringBuilder();
    header(md, r);
    targets(md, r);
    endToEnd(md, r);
    idp(md, r);
    facts(md, r);
    micro(md, r);
    skippedAndVersions(md, r);
    return md.toString();
  }

  private static void header(StringBuilder md, Results r) {
    md.append("# jdbc-jwt benchmark results\n\n");
    md.append(String.format(Locale.ROOT, "Run %s, preset `%s`, %.0f s (JMH %.0f s, end to end %.0f s). ",
        r.startedAt, r.settings.get("preset"), r.seconds, r.microSeconds, r.endToEndSeconds));
    md.append("Machine: ").append(r.machine.get("cores")).append(" cores, ").append(r.machine.get("cpu"))
        .append(", ").append(r.machine.get("memoryGiB")).append(" GiB; ").append(r.machine.get("jvm"))
        .append("; load average at start ").append(r.machine.get("loadAverageAtStart")).append(", at end ")
        .append(r.machine.get("loadAverageAtEnd")).append(".\n\n");
  }

  private static void targets(StringBuilder md, Results r) {
    md.append("## Targets\n\n| Target | Limit | Measured | Met |\n|---|---|---|---|\n");
    for (Target t : r.targets) {
      md.append("| ").append(t.target()).append(" | ").append(t.limit()).append(" | ").append(cell(t.measured()))
          .append(" | ")
          .append(t.met() == null ? "not measured" : t.met() ? "yes" : "**no**").append(" |\n");
    }
    md.append("\n");
    for (Target t : r.targets) {
      if (!t.note().isEmpty()) {
        md.append("- ").append(t.target()).append(": ").append(t.note()).append('\n');
      }
    }
  }

  private static void endToEnd(StringBuilder md, Results r) {
    if (r.rows.isEmpty()) {
      return;
    }
    md.append("\n## End to end\n\nMedian and 99th percentile over all rounds, and their ratios to the first row of "
        + "each table (the raw driver, or the static-password pool). \"× per round\" is the median over the rounds "
        + "of each round's ratio of medians, with the lowest and highest: the figure the targets are judged on.\n");
    for (Group g : r.groups) {
      List<Row> rows = r.rows(g.id());
      md.append("\n### ").append(g.title()).append("\n\n").append(cell(g.timed())).append(".\n\n");
      md.append("| Variant | n | median µs | p99 µs | × baseline (median) | × baseline (p99) | × per round "
          + "[min–max] | Note |\n").append("|---|---:|---:|---:|---:|---:|---|---|\n");
      String mainBaseline = g.baseline();
      for (Row x : rows) {
        endToEndRow(md, x, mainBaseline);
      }
    }
  }

  private static void endToEndRow(StringBuilder md, Row x, String mainBaseline) {
    md.append("| ").append(x.baseline() ? "**" + x.variant() + "**" : x.variant()).append(" | ")
        .append(x.samples()).append(" | ").append(micros(x.medianMicros())).append(" | ")
        .append(micros(x.p99Micros())).append(" | ").append(f(x.ratioMedian(), 3)).append(" | ")
        .append(f(x.ratioP99(), 3)).append(" | ").append(f(x.roundRatioMedian(), 3)).append(" [")
        .append(f(x.roundRatioMin(), 3)).append("–").append(f(x.roundRatioMax(), 3)).append("] | ")
        .append(cell(x.comparedWith().equals(mainBaseline) ? x.note()
            : ("× compared with " + x.comparedWith() + (x.note().isEmpty() ? "" : "; " + x.note()))))
        .append(" |\n");
  }

  private static void idp(StringBuilder md, Results r) {
    if (r.idp.isEmpty()) {
      return;
    }
    md.append("\n## Identity-provider requests\n\n| Scenario | Connections | Threads | IdP requests | per 10,000 "
        + "connections | Tokens obtained | Failed connections | Seconds | Note |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (IdpCount c : r.idp) {
      md.append("| ").append(c.scenario()).append(" | ")
          .append(c.connections() < 0 ? "pool" : String.format(Locale.ROOT, "%,d", c.connections())).append(" | ")
          .append(c.threads()).append(" | ").append(c.idpRequests()).append(" | ")
          .append(c.connections() < 0 ? "—" : f(c.per10k(), 2)).append(" | ").append(c.tokensObtained())
          .append(" | ").append(c.failures()).append(" | ").append(f(c.seconds(), 1)).append(" | ")
          .append(cell(c.note())).append(" |\n");
    }
  }

  private static void facts(StringBuilder md, Results r) {
    if (r.facts.isEmpty()) {
      return;
    }
    md.append("\nCounted: ");
    boolean first = true;
    for (Map.Entry<String, Object> e : r.facts.entrySet()) {
      md.append(first ? "" : ", ").append('`').append(e.getKey()).append("` = ").append(e.getValue());
      first = false;
    }
    md.append(".\n");
  }

  private static void micro(StringBuilder md, Results r) {
    if (r.micro.isEmpty()) {
      return;
    }
    md.append("\n## Microbenchmarks (JMH, average time per call)\n\nns/op is the median of the measurement "
        + "iterations; the mean and JMH's 99.9% interval show how much other load on the machine disturbed them.\n\n"
        + "| Benchmark | ns/op | mean | ± (99.9%) |\n|---|---:|---:|---:|\n");
    for (MicroResult m : r.micro) {
      md.append("| ").append(m.name()).append(" | ").append(f(m.score(), 1)).append(" | ")
          .append(f(m.mean(), 1)).append(" | ").append(m.error() == 0 ? "—" : f(m.error(), 1)).append(" |\n");
    }
    Double overhead = difference(r, "ConnectBenchmark.jwtStubConnect", "ConnectBenchmark.rawStubConnect");
    if (overhead != null) {
      md.append("\nWhat `jdbc:jwt:` adds to one `connect()`: ").append(f(overhead, 0))
          .append(" ns (jwtStubConnect − rawStubConnect).");
    }
    Double wrapper = difference(r, "WrapperBenchmark.wrappedGetAutoCommit", "WrapperBenchmark.rawGetAutoCommit");
    if (wrapper != null) {
      md.append(" What the wrapper adds to a delegated call: ").append(f(wrapper, 1)).append(" ns.");
    }
    md.append('\n');
  }

  private static void skippedAndVersions(StringBuilder md, Results r) {
    if (!r.skipped.isEmpty()) {
      md.append("\n## Not run\n\n");
      for (Skip s : r.skipped) {
        md.append("- ").append(s.what()).append(": ").append(cell(s.reason())).append('\n');
      }
    }
    if (!r.versions.isEmpty()) {
      md.append("\n## Versions\n\n");
      r.versions.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    }
  }

  /** Three significant digits at least: 0.123, 1.23, 12.3, 1234. */
  static String micros(double v) {
    return f(v, v < 1 ? 3 : v < 10 ? 2 : 1);
  }

  private static Double difference(Results r, String a, String b) {
    return r.micro(a).flatMap(x -> r.micro(b).map(y -> x.score() - y.score())).orElse(null);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String f(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "—";
  }
}
