package dev.jdbcjwt.benchmarks.micro;

import dev.jdbcjwt.benchmarks.Settings;
import dev.jdbcjwt.benchmarks.report.MicroResult;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JMH benchmarks of this package (average time per call, in nanoseconds). */
public final class MicroBenchmarks {

  private MicroBenchmarks() {
  }

  public static List<MicroResult> run(Settings settings) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(MicroBenchmarks.class.getPackageName().replace(".", "\\.") + "\\..*Benchmark\\..*")
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .forks(settings.jmhForks())
        .warmupIterations(settings.jmhWarmupIterations())
        .warmupTime(TimeValue.milliseconds(settings.jmhIterationMillis()))
        .measurementIterations(settings.jmhMeasurementIterations())
        .measurementTime(TimeValue.milliseconds(settings.jmhIterationMillis()))
        .threads(1)
        .shouldFailOnError(true)
        .jvmArgs("-Xms512m", "-Xmx512m", "-XX:+UseG1GC", "-Djava.util.logging.config.file=/dev/null");
    if (settings.jmhProfiler() != null) {
      options.addProfiler(settings.jmhProfiler());
    }
    List<MicroResult> results = new ArrayList<>();
    for (RunResult run : new Runner(options.build()).run()) {
      Result<?> primary = run.getPrimaryResult();
      String benchmark = run.getParams().getBenchmark();
      String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
      double error = primary.getScoreError();
      results.add(new MicroResult(shortName, medianOfIterations(run), primary.getScore(),
          Double.isNaN(error) ? 0 : error, primary.getScoreUnit(), primary.getSampleCount()));
    }
    results.sort(Comparator.comparing(MicroResult::name));
    return results;
  }

  private static double medianOfIterations(RunResult run) {
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult fork : run.getBenchmarkResults()) {
      for (IterationResult iteration : fork.getIterationResults()) {
        scores.add(iteration.getPrimaryResult().getScore());
      }
    }
    if (scores.isEmpty()) {
      return run.getPrimaryResult().getScore();
    }
    scores.sort(Comparator.naturalOrder());
    int n = scores.size();
    return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
  }
}
