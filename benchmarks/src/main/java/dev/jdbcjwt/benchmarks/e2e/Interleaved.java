package dev.jdbcjwt.benchmarks.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs several variants of one operation interleaved: in every round each variant runs once in turn, {@code perRound}
 * times, in a new random order each time (the same seed every run), so that background load, CPU frequency and the
 * database's state fall on every variant alike, and no variant is more often than another the one that runs right
 * after a given other (which, on a shared connection, finds the server process warm). Each operation times itself
 * (only the part being compared).
 */
final class Interleaved {

  /** One timed operation; returns the nanoseconds of the part being compared. */
  @FunctionalInterface
  interface TimedOp {
    long run() throws Exception;
  }

  record Variant(String name, TimedOp op) {
  }

  /** Called before each round (and before the warm-up, with -1), e.g. to open fresh connections. */
  @FunctionalInterface
  interface RoundHook {
    void beforeRound(int round) throws Exception;
  }

  /** The samples of one variant: all of them, and per round. */
  static final class Samples {
    final LongList all = new LongList();
    final List<LongList> rounds = new ArrayList<>();
  }

  private Interleaved() {
  }

  static Map<String, Samples> run(List<Variant> variants, int warmup, int rounds, int perRound) throws Exception {
    return run(variants, warmup, rounds, perRound, () -> { }, round -> { });
  }

  /** As {@link #run(List, int, int, int)}, calling {@code afterWarmUp} between the warm-up and the measurement. */
  static Map<String, Samples> run(List<Variant> variants, int warmup, int rounds, int perRound, Runnable afterWarmUp)
      throws Exception {
    return run(variants, warmup, rounds, perRound, afterWarmUp, round -> { });
  }

  static Map<String, Samples> run(List<Variant> variants, int warmup, int rounds, int perRound, Runnable afterWarmUp,
      RoundHook hook) throws Exception {
    hook.beforeRound(-1);
    for (int i = 0; i < warmup; i++) {
      for (Variant v : variants) {
        v.op().run();
      }
    }
    afterWarmUp.run();
    Map<String, Samples> samples = new LinkedHashMap<>();
    variants.forEach(v -> samples.put(v.name(), new Samples()));
    int n = variants.size();
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      order.add(k);
    }
    Random random = new Random(20_26); // the same sequence of orders every run
    for (int round = 0; round < rounds; round++) {
      hook.beforeRound(round);
      List<LongList> current = new ArrayList<>();
      for (Variant v : variants) {
        LongList l = new LongList();
        samples.get(v.name()).rounds.add(l);
        current.add(l);
      }
      for (int i = 0; i < perRound; i++) {
        Collections.shuffle(order, random);
        for (int index : order) {
          current.get(index).add(variants.get(index).op().run());
        }
      }
      for (int k = 0; k < n; k++) {
        samples.get(variants.get(k).name()).all.addAll(current.get(k));
      }
    }
    return samples;
  }
}
