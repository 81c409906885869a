package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.benchmarks.report.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns interleaved samples into report rows with ratios to the baseline variant. */
final class Rows {

  private Rows() {
  }

  static List<Row> of(String group, Map<String, Interleaved.Samples> samples, String baseline,
      Map<String, String> notes) {
    return of(group, samples, Map.of(), baseline, notes);
  }

  /** As {@link #of(String, Map, String, Map)}, with some variants compared with another baseline than the group's. */
  static List<Row> of(String group, Map<String, Interleaved.Samples> samples, Map<String, String> baselineOf,
      String baseline, Map<String, String> notes) {
    List<Row> rows = new ArrayList<>();
    samples.forEach((variant, s) -> {
      String comparedWith = baselineOf.getOrDefault(variant, baseline);
      Interleaved.Samples base = samples.get(comparedWith);
      long[] baseSorted = base.all.sorted();
      double baseMedian = Stats.median(baseSorted);
      double baseP99 = Stats.percentile(baseSorted, 99);
      long[] sorted = s.all.sorted();
      double median = Stats.median(sorted);
      double p99 = Stats.percentile(sorted, 99);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      List<Double> perRound = new ArrayList<>();
      for (int r = 0; r < s.rounds.size(); r++) {
        double ratio = Stats.median(s.rounds.get(r).sorted()) / Stats.median(base.rounds.get(r).sorted());
        perRound.add(ratio);
        min = Math.min(min, ratio);
        max = Math.max(max, ratio);
      }
      rows.add(new Row(group, variant, variant.equals(comparedWith), comparedWith, sorted.length, median / 1_000.0,
          p99 / 1_000.0, median / baseMedian, p99 / baseP99, medianOf(perRound), min, max, perRound,
          notes.getOrDefault(variant, "")));
    });
    return rows;
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
