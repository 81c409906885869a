package dev.jdbcjwt.benchmarks.report;

import dev.jdbcjwt.benchmarks.e2e.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Judges the performance targets of DESIGN.md on one run's results. Records; asserts nothing. */
public final class Targets {

  static final double CONNECT_LIMIT = 1.02;
  static final double STATEMENT_LIMIT = 1.01;
  static final double BORROW_P99_LIMIT = 1.05;
  static final double CACHE_HIT_NANOS = 100;
  /** The verdicts of the comparison with the AWS wrapper. */
  private static final String LOWER = "lower";
  private static final String NOT_LOWER = "NOT lower";
  private static final String WITHIN_NOISE = "within noise";

  private Targets() {
  }

  public static List<Target> judge(Results r) {
    List<Target> t = new ArrayList<>();
    cacheHit(r, t);
    ratio(r, t, Names.PG_CONNECT_TOKEN, "warm connect(), PostgreSQL, token checked by the database", CONNECT_LIMIT);
    ratio(r, t, Names.PG_CONNECT_TRUST, "warm connect(), PostgreSQL trust role (driver work only)", CONNECT_LIMIT);
    ratio(r, t, Names.MARIADB_CONNECT, "warm connect(), MariaDB, token checked by the database", CONNECT_LIMIT);
    ratio(r, t, Names.PG_SELECT_1, "statement round trip, PostgreSQL SELECT 1", STATEMENT_LIMIT);
    ratio(r, t, Names.PG_SELECT_100, "statement round trip, PostgreSQL 100 rows", STATEMENT_LIMIT);
    ratio(r, t, Names.MARIADB_SELECT_1, "statement round trip, MariaDB SELECT 1", STATEMENT_LIMIT);
    noRequestsOnConnectionPath(r, t);
    onePerRefresh(r, t);
    borrow(r, t);
    awsComparison(r, t);
    ChurnTargets.judge(r, t);
    return t;
  }

  private static void cacheHit(Results r, List<Target> t) {
    Optional<MicroResult> hit = r.micro("TokenCacheBenchmark.warmHit");
    if (hit.isEmpty()) {
      t.add(new Target("token cache hit", "< 100 ns", "not measured", null, "JMH was skipped"));
      return;
    }
    double ns = hit.get().score();
    String lookup = r.micro("TokenCacheBenchmark.sharedCacheLookupAndHit")
        .map(m -> "; shared-cache lookup + hit (per connect) " + f1(m.score()) + " ns").orElse("");
    t.add(new Target("token cache hit", "< 100 ns", f1(ns) + " ns" + lookup, ns < CACHE_HIT_NANOS, ""));
  }

  private static void ratio(Results r, List<Target> t, String group, String what, double limit) {
    String limitText = "≤ " + limit + "× raw";
    Optional<Row> row = r.row(group, Names.JWT);
    if (row.isEmpty()) {
      t.add(new Target(what, limitText, "not measured", null, skippedReason(r, group)));
      return;
    }
    Row x = row.get();
    String note = "";
    if (x.roundRatioMax() - x.roundRatioMin() > 2 * (limit - 1)) {
      note = "per-round ratios spread wider than the limit: end to end, this machine resolves no better than that";
    }
    String own = "";
    Optional<Row> base = r.rows(group).stream().filter(Row::baseline).findFirst();
    Double driverNanos = group.contains("connect") ? difference(r, "ConnectBenchmark.jwtStubConnect",
        "ConnectBenchmark.rawStubConnect") : difference(r, "WrapperBenchmark.wrappedPrepareStatement",
        "WrapperBenchmark.rawPrepareStatement");
    if (driverNanos != null && base.isPresent()) {
      double baseNanos = base.get().medianMicros() * 1_000;
      own = "; the driver's own cost (JMH, stub vendor driver) " + f1(Math.max(0, driverNanos)) + " ns = "
          + String.format(Locale.ROOT, "%.4f", 1 + Math.max(0, driverNanos) / baseNanos) + "× of this median";
    }
    t.add(new Target(what, limitText, ratioText(x) + "; pooled medians " + f3(x.ratioMedian()) + "×, p99 "
        + f3(x.ratioP99()) + "×" + own, x.roundRatioMedian() <= limit, note));
  }

  private static Double difference(Results r, String a, String b) {
    return r.micro(a).flatMap(x -> r.micro(b).map(y -> x.score() - y.score())).orElse(null);
  }

  private static String skippedReason(Results r, String group) {
    String prefix = group.startsWith("mariadb") ? "MariaDB" : group;
    return r.skipped.stream().filter(s -> s.what().startsWith(prefix)).map(Skip::reason).findFirst().orElse("");
  }

  private static void noRequestsOnConnectionPath(Results r, List<Target> t) {
    List<String> parts = new ArrayList<>();
    boolean met = true;
    boolean measured = false;
    for (String fact : List.of("idpRequestsDuringConnectMeasurements", "idpRequestsDuringStatements",
        "idpRequestsDuringMariaDbMeasurements")) {
      Object v = r.facts.get(fact);
      if (v instanceof Number n) {
        measured = true;
        parts.add(n.longValue() + " " + fact.replace("idpRequestsDuring", "during ").replaceAll("([A-Z])", " $1")
            .toLowerCase(Locale.ROOT).replace("maria db", "MariaDB"));
        met &= n.longValue() == 0;
      }
    }
    for (IdpCount c : r.idp) {
      if (!c.rotating()) {
        measured = true;
        parts.add(c.idpRequests() + " for " + String.format("%,d", c.connections()) + " connections by "
            + c.threads() + " threads from a cold cache");
        met &= c.idpRequests() == 1 && c.failures() == 0;
      }
    }
    t.add(new Target("IdP requests on the connection path after warm-up", "0 (one cold fetch per cache)",
        measured ? String.join("; ", parts) : "not measured", measured ? met : null, ""));
  }

  private static void onePerRefresh(Results r, List<Target> t) {
    List<String> parts = new ArrayList<>();
    boolean met = true;
    boolean measured = false;
    for (IdpCount c : r.idp) {
      if (c.rotating()) {
        measured = true;
        parts.add(c.scenario() + ": " + c.idpRequests() + " requests for " + c.tokensObtained() + " tokens");
        met &= c.idpRequests() == c.tokensObtained() && c.failures() == 0;
      }
    }
    t.add(new Target("IdP requests per refresh, however many threads connect", "exactly 1",
        measured ? String.join("; ", parts) : "not measured", measured ? met : null, ""));
  }

  private static void borrow(Results r, List<Target> t) {
    Optional<Row> rotating = r.row(Names.HIKARI_BORROW, Names.HIKARI_ROTATING);
    if (rotating.isEmpty()) {
      t.add(new Target("HikariCP borrow p99, tokens rotating", "≤ 1.05× static password", "not measured", null, ""));
      return;
    }
    Row x = rotating.get();
    String longText = r.row(Names.HIKARI_BORROW, Names.HIKARI_LONG)
        .map(l -> "; 15 min tokens " + f3(l.ratioP99()) + "×").orElse("")
        + r.row(Names.HIKARI_BORROW, Names.HIKARI_STATIC_SHORT)
        .map(l -> "; static password with maxLifetime 30 s " + f3(l.ratioP99()) + "×").orElse("");
    t.add(new Target("HikariCP borrow p99, tokens rotating every few seconds", "≤ 1.05× static password (p99)",
        f3(x.ratioP99()) + "× (p99 " + f1(x.p99Micros()) + " µs vs " + staticP99(r) + " µs; median "
            + f3(x.ratioMedian()) + "×)" + longText, x.ratioP99() <= BORROW_P99_LIMIT, ""));
  }

  private static String staticP99(Results r) {
    return r.row(Names.HIKARI_BORROW, Names.HIKARI_STATIC).map(s -> f1(s.p99Micros())).orElse("?");
  }

  /**
   * Per row where both run: lower when jdbc:jwt's median ratio is lower and it was lower in at least three rounds out
   * of four; NOT lower in the opposite case; otherwise the difference is within this run's noise.
   */
  private static void awsComparison(Results r, List<Target> t) {
    List<String> parts = new ArrayList<>();
    List<String> noise = new ArrayList<>();
    boolean met = true;
    boolean measured = false;
    for (Group g : r.groups) {
      Optional<Row> jwt = r.row(g.id(), Names.JWT);
      if (jwt.isEmpty()) {
        continue;
      }
      for (String aws : List.of(Names.AWS, Names.AWS_IAM)) {
        Optional<Row> other = r.row(g.id(), aws);
        if (other.isEmpty()) {
          continue;
        }
        measured = true;
        Row a = jwt.get();
        Row b = other.get();
        int rounds = Math.min(a.roundRatios().size(), b.roundRatios().size());
        int wins = wins(a, b, rounds);
        String verdict = verdict(a, b, rounds, wins);
        String plugins = aws.equals(Names.AWS) ? "no plugins" : "iam";
        if (verdict.equals(NOT_LOWER)) {
          met = false;
        } else if (verdict.equals(WITHIN_NOISE)) {
          noise.add(g.id() + " (" + plugins + ")");
        }
        parts.add(g.id() + ": " + f3(a.roundRatioMedian()) + "× vs " + f3(b.roundRatioMedian()) + "× "
            + plugins + ", lower in " + wins + "/" + rounds + " rounds: " + verdict);
      }
    }
    String note = noise.isEmpty() ? "" : "not decided by this run (difference within noise): " + String.join(", ",
        noise);
    t.add(new Target("lower overhead than the AWS Advanced JDBC Wrapper", "every row where both run",
        measured ? String.join("; ", parts) : "not measured", measured ? met : null, note));
  }

  /** In how many of the first {@code rounds} rounds {@code a}'s ratio was lower than {@code b}'s. */
  private static int wins(Row a, Row b, int rounds) {
    int wins = 0;
    for (int i = 0; i < rounds; i++) {
      wins += a.roundRatios().get(i) < b.roundRatios().get(i) ? 1 : 0;
    }
    return wins;
  }

  /** Lower, NOT lower or within noise: the median ratio decides if at least three rounds out of four agree. */
  private static String verdict(Row a, Row b, int rounds, int wins) {
    int needed = (int) Math.ceil(rounds * 0.75);
    if (a.roundRatioMedian() < b.roundRatioMedian() && wins >= needed) {
      return LOWER;
    } else if (a.roundRatioMedian() > b.roundRatioMedian() && rounds - wins >= needed) {
      return NOT_LOWER;
    }
    return WITHIN_NOISE;
  }

  static String ratioText(Row x) {
    return f3(x.roundRatioMedian()) + "× (median of " + x.roundRatios().size() + " rounds; range "
        + f3(x.roundRatioMin()) + "–" + f3(x.roundRatioMax()) + ")";
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
