package dev.jdbcjwt.benchmarks.report;

/** A variant that was not run, and why. */
public record Skip(String what, String reason) {
}
