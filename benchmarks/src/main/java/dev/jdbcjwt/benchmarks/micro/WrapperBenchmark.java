package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.jdbc.internal.JwtConnection;
import dev.jdbcjwt.token.cache.SharedScheduler;
import dev.jdbcjwt.token.config.OnExpiry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * A call through the driver's connection wrapper ({@link JwtConnection}) against the same call on the vendor's
 * connection: a delegated call ({@code getAutoCommit}, {@code prepareStatement}) and the one the wrapper intercepts on
 * every pool borrow ({@code isValid}: a clock read and a comparison before the vendor's own check).
 */
@State(Scope.Thread)
public class WrapperBenchmark {

  private Connection raw;
  private Connection wrapped;

  @Setup
  public void setUp() {
    raw = new StubConnection();
    wrapped = new JwtConnection(new StubConnection(), BenchTokens.token(), Duration.ofSeconds(30),
        OnExpiry.EVICT, Clock.systemUTC(), SharedScheduler.scheduler(), SharedScheduler.executor());
  }

  @Benchmark
  public boolean rawGetAutoCommit() throws SQLException {
    return raw.getAutoCommit();
  }

  @Benchmark
  public boolean wrappedGetAutoCommit() throws SQLException {
    return wrapped.getAutoCommit();
  }

  @Benchmark
  public Object rawPrepareStatement() throws SQLException {
    return raw.prepareStatement("SELECT 1");
  }

  @Benchmark
  public Object wrappedPrepareStatement() throws SQLException {
    return wrapped.prepareStatement("SELECT 1");
  }

  @Benchmark
  public boolean rawIsValid() throws SQLException {
    return raw.isValid(1);
  }

  @Benchmark
  public boolean wrappedIsValid() throws SQLException {
    return wrapped.isValid(1);
  }
}
