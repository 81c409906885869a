package dev.jdbcjwt.benchmarks.report;

/** A performance target of DESIGN.md and what this run measured for it; {@code met} is null when not measured. */
public record Target(String target, String limit, String measured, Boolean met, String note) {
}
