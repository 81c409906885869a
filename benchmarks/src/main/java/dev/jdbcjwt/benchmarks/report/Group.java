package dev.jdbcjwt.benchmarks.report;

/** A measurement compared across variants: what is timed and against which variant. */
public record Group(String id, String title, String timed, String baseline) {
}
