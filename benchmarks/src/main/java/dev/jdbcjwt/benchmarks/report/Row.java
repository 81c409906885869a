package dev.jdbcjwt.benchmarks.report;

import java.util.List;

/**
 * One variant of one end-to-end measurement: median and 99th percentile in microseconds over all rounds and their
 * ratios to the group's baseline (the raw vendor driver, or the static-password pool); then the ratio of the medians
 * of each round ({@code roundRatios}), their median (the figure the targets are judged on: a round is one independent
 * repetition, with fresh connections, so one badly scheduled server process cannot tip it) and their range, which
 * shows how much of a ratio is noise. {@code comparedWith} names the variant the ratios are to (the group's baseline,
 * or for statement round trips the raw vendor connection under the same wrapper).
 */
public record Row(String group, String variant, boolean baseline, String comparedWith, int samples,
    double medianMicros, double p99Micros, double ratioMedian, double ratioP99, double roundRatioMedian,
    double roundRatioMin, double roundRatioMax, List<Double> roundRatios, String note) {
}
