package dev.jdbcjwt.benchmarks.report;

/**
 * One JMH result: {@code Class.method}; {@code score} is the median of the measurement iterations (robust against an
 * iteration that another process on the machine slowed down), {@code mean} and {@code error} are JMH's own mean and
 * the half-width of its 99.9% confidence interval (0 when there were too few iterations to tell).
 */
public record MicroResult(String name, double score, double mean, double error, String unit, long iterations) {
}
