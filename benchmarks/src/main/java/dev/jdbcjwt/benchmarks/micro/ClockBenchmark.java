package dev.jdbcjwt.benchmarks.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Instant;

/**
 * What reading the time costs on this machine, for reference: the token cache hit, the wrapper's {@code isValid} and
 * JwtHikariDataSource's check on borrow each read {@code Clock.instant()} once, and that read is most of their cost.
 */
@State(Scope.Benchmark)
public class ClockBenchmark {

  private final Clock clock = Clock.systemUTC();

  @Benchmark
  public Instant systemClockInstant() {
    return clock.instant();
  }

  @Benchmark
  public long systemClockMillis() {
    return clock.millis();
  }

  @Benchmark
  public long nanoTime() {
    return System.nanoTime();
  }
}
