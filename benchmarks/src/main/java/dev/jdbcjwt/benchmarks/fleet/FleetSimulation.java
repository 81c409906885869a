package dev.jdbcjwt.benchmarks.fleet;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.cache.TokenCache;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fleet on a fake clock, no network (issue 17's fleet target): {@code caches} token caches with the default
 * schedule ({@code jwt.refreshAhead=25%}, {@code jwt.clockSkew=30s}) start within {@code startSpread} and get their
 * tokens from one simulated identity provider that mints tokens issued now and living {@code lifetime}; the run lasts
 * {@code lifetimes} token lifetimes. The result counts the identity provider's requests per 10-second window, so the
 * benchmark report can print the curve, and gives the peak-to-mean ratio after a given time (the target: at most 3
 * after the second lifetime). The caches are the real {@link TokenCache}; only the clock and scheduler are simulated
 * (a discrete-event loop), so 10,000 caches over five lifetimes run in a few seconds.
 */
public final class FleetSimulation {

  /** The width of one counting window. */
  public static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private FleetSimulation() {
  }

  /**
   * The requests an identity provider saw, per {@link #WINDOW} from the fleet's start.
   *
   * @param requestsPerWindow the count of each window, in order
   * @param lifetime the tokens' lifetime
   * @param caches how many caches the fleet had
   */
  public record Result(List<Integer> requestsPerWindow, Duration lifetime, int caches) {

    /**
     * The largest window count divided by the mean window count, over the windows starting at or after {@code from}
     * (from the fleet's start).
     *
     * @param from where the measured part starts, e.g. two lifetimes
     * @return peak / mean, or 0 when nothing was requested there
     */
    public double peakToMean(Duration from) {
      List<Integer> part = requestsPerWindow.subList((int) Math.min(requestsPerWindow.size(),
          ceilDiv(from.toMillis(), WINDOW.toMillis())), requestsPerWindow.size());
      long sum = part.stream().mapToLong(Integer::longValue).sum();
      int peak = part.stream().mapToInt(Integer::intValue).max().orElse(0);
      return sum == 0 ? 0 : peak / ((double) sum / part.size());
    }

    /**
     * All requests of the run.
     *
     * @return the total
     */
    public long total() {
      return requestsPerWindow.stream().mapToLong(Integer::longValue).sum();
    }

    private static long ceilDiv(long a, long b) {
      return (a + b - 1) / b;
    }
  }

  /**
   * Runs issue 17's fleet: 10,000 caches started within 10 s, 15-minute tokens, five lifetimes.
   *
   * @param seed the randomness of start times and jitter
   * @return the per-window counts
   */
  public static Result issue17Fleet(long seed) {
    return run(10_000, Duration.ofSeconds(10), Duration.ofMinutes(15), 5, seed);
  }

  /**
   * Runs a fleet of real token caches.
   *
   * @param caches how many caches (JVMs) the fleet has
   * @param startSpread the caches' first fetches are uniform over this
   * @param lifetime the lifetime of each token the identity provider mints
   * @param lifetimes how many lifetimes the run lasts
   * @param seed the randomness of start times and jitter
   * @return the per-window counts
   */
  public static Result run(int caches, Duration startSpread, Duration lifetime, int lifetimes, long seed) {
    EventClock clock = new EventClock(START);
    SplittableRandom random = new SplittableRandom(seed);
    Duration run = lifetime.multipliedBy(lifetimes);
    int[] windows = new int[(int) (run.toMillis() / WINDOW.toMillis()) + 1];
    TokenSource idp = new TokenSource() {
      private long minted;

      @Override
      public Token fetch() {
        windows[(int) (Duration.between(START, clock.instant()).toMillis() / WINDOW.toMillis())]++;
        return Token.opaque(Secret.of("fleet-" + minted++), clock.instant(), lifetime);
      }
    };
    for (int i = 0; i < caches; i++) {
      TokenCache cache = TokenCache.builder(idp).label("fleet cache " + i).clock(clock).scheduler(clock)
          .executor(Runnable::run).random(random::nextDouble).build();
      clock.schedule(() -> fetch(cache), Duration.ofMillis((long) (random.nextDouble() * startSpread.toMillis())));
    }
    clock.runUntil(START.plus(run));
    List<Integer> counts = new ArrayList<>(windows.length - 1);
    for (int i = 0; i < windows.length - 1; i++) {
      counts.add(windows[i]);
    }
    return new Result(List.copyOf(counts), lifetime, caches);
  }

  /**
   * The same fleet under the rule before issue 17, modelled without caches: every refresh, the first included, comes
   * when 25% of the usable lifetime remains, at most a tenth of that and 30 s early. A baseline for the report.
   *
   * @param caches how many caches
   * @param startSpread the first fetches are uniform over this
   * @param lifetime the tokens' lifetime
   * @param lifetimes how many lifetimes the run lasts
   * @param seed the randomness
   * @return the per-window counts
   */
  public static Result previousRule(int caches, Duration startSpread, Duration lifetime, int lifetimes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long run = lifetime.multipliedBy(lifetimes).toMillis();
    long usable = lifetime.minusSeconds(30).toMillis();
    long ahead = Math.round(usable * 0.25);
    long jitter = Math.min(ahead / 10, 30_000);
    int[] windows = new int[(int) (run / WINDOW.toMillis())];
    for (int i = 0; i < caches; i++) {
      for (long t = (long) (random.nextDouble() * startSpread.toMillis()); t < run;
          t += usable - ahead - Math.round(jitter * random.nextDouble())) {
        windows[(int) (t / WINDOW.toMillis())]++;
      }
    }
    List<Integer> counts = new ArrayList<>(windows.length);
    for (int w : windows) {
      counts.add(w);
    }
    return new Result(List.copyOf(counts), lifetime, caches);
  }

  private static void fetch(TokenCache cache) {
    try {
      cache.fetch();
    } catch (TokenException e) {
      throw new IllegalStateException("the simulated identity provider does not fail", e);
    }
  }
}
