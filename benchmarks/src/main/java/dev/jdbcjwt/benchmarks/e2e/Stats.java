package dev.jdbcjwt.benchmarks.e2e;

/** Order statistics of sorted samples. */
final class Stats {

  private Stats() {
  }

  static double median(long[] sorted) {
    return percentile(sorted, 50);
  }

  /** Nearest-rank percentile: the smallest sample with at least {@code p}% of the samples at or below it. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }
}
