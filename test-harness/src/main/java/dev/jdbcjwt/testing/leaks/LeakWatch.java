package dev.jdbcjwt.testing.leaks;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The suite-wide leak check, registered for every test class through JUnit's extension auto-detection (and for jqwik
 * property classes through {@link JqwikLeakWatch}). During each test class it watches, and at its end it fails the
 * class when a JWT-shaped string or a registered secret ({@link #registerSecret}) appears in:
 * <ul>
 *   <li>a log record at any level ({@link LogCapture}: java.util.logging, where System.Logger, the drivers and, through
 *       slf4j-jdk14, HikariCP and Spring write), its throwable and causes included;</li>
 *   <li>the message of any Throwable constructed in the JVM, and the name of any thread started
 *       ({@link ExceptionWatch}: a JDK Flight Recorder stream);</li>
 *   <li>the name of any live thread ({@link ThreadNames});</li>
 *   <li>the name or any readable attribute of an MBean outside the JDK's domains ({@link MBeanScan});</li>
 *   <li>the texts of every {@link LeakSource} the module's tests declare (e.g. Micrometer meter ids).</li>
 * </ul>
 * A token is anything shaped like a JWT (base64url JSON header and payload): nothing of ours ever needs to show one.
 * Failure messages say what leaked where, never the value.
 *
 * <p>{@code -Dleakwatch.exceptions=off} turns the exception watch off (for a JVM without JFR); it is on otherwise, and
 * a class fails when it cannot run. {@code -Dleakwatch.stats=true} prints what was checked after each class.
 */
public final class LeakWatch implements BeforeAllCallback, AfterAllCallback {

  private static final Duration EXCEPTION_DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_REPORTED = 40;
  private static final LeakDetector DETECTOR = LeakDetector.SHARED;
  private static final LogCapture LOGS = new LogCapture(DETECTOR);
  private static volatile boolean installed;
  private static ExceptionWatch exceptions;
  private static String exceptionWatchFailure;
  private static long exceptionWatchStartMillis;
  private static List<LeakSource> sources = List.of();

  /** Marks {@code secret} (a client secret, a key's base64 body) as something nothing may show. */
  public static void registerSecret(String secret) {
    DETECTOR.register(secret);
  }

  /** How many log records were captured so far in this JVM, to show the watch is really watching. */
  public static int capturedCount() {
    return LOGS.count();
  }

  /**
   * Records captured so far, formatted (logger, level, message, causes): every WARNING and above, and the most recent
   * of the others.
   */
  public static List<String> captured() {
    return LOGS.captured();
  }

  /** The leaks in {@code text}: descriptions that never repeat the secret itself. */
  public static List<String> leaksIn(String text) {
    return DETECTOR.leaksIn(text);
  }

  /**
   * What the end-of-class MBean check would report now: for a test that registers MBeans (a pool with
   * {@code registerMbeans}) and closes them before its class ends.
   */
  public static List<String> leaksInMBeans() {
    return MBeanScan.leaks(ManagementFactory.getPlatformMBeanServer(), DETECTOR);
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    LOGS.install();
    if (!"off".equals(System.getProperty("leakwatch.exceptions"))) {
      long started = System.nanoTime();
      try {
        exceptions = ExceptionWatch.start(DETECTOR, ExceptionAllowRules.TEST_INFRASTRUCTURE);
        exceptionWatchStartMillis = (System.nanoTime() - started) / 1_000_000;
      } catch (RuntimeException | LinkageError e) {
        exceptionWatchFailure = "the exception watch could not start a JDK Flight Recorder stream (" + e
            + "); run with -Dleakwatch.exceptions=off on a JVM without JFR";
      }
    }
    List<LeakSource> found = new ArrayList<>();
    ServiceLoader.load(LeakSource.class, LeakWatch.class.getClassLoader()).forEach(found::add);
    sources = List.copyOf(found);
    installed = true;
  }

  /** Starts watching one test class; pass the result to {@link #end}. */
  static int begin() {
    install();
    return LOGS.leakCount();
  }

  /** The leaks of the class that began at {@code start}, from every check; empty when there are none. */
  static List<String> end(int start) {
    List<String> problems = new ArrayList<>(LOGS.leaksSince(start));
    if (exceptionWatchFailure != null) {
      problems.add(exceptionWatchFailure);
    } else if (exceptions != null) {
      try {
        problems.addAll(exceptions.drain(EXCEPTION_DRAIN_TIMEOUT));
      } catch (IllegalStateException e) {
        problems.add(e.getMessage());
      }
    }
    problems.addAll(ThreadNames.leaks(DETECTOR));
    problems.addAll(MBeanScan.leaks(ManagementFactory.getPlatformMBeanServer(), DETECTOR));
    problems.addAll(sourceLeaks(sources, DETECTOR));
    if (Boolean.getBoolean("leakwatch.stats")) {
      System.err.println("leak watch: " + stats());
    }
    return problems;
  }

  /** What was checked so far in this JVM (printed after each class with {@code -Dleakwatch.stats=true}). */
  static String stats() {
    ExceptionWatch watch = exceptions;
    return LOGS.count() + " log records, " + (watch == null ? "no exception watch"
        : watch.exceptionsSeen() + " exceptions and " + watch.threadsSeen() + " thread starts checked, JFR started in "
        + exceptionWatchStartMillis + " ms, " + watch.drainTime().toMillis() + " ms waited for it") + ", " + sources.size() + " leak sources";
  }

  static List<String> sourceLeaks(List<LeakSource> sources, LeakDetector detector) {
    List<String> found = new ArrayList<>();
    for (LeakSource source : sources) {
      for (String text : source.texts()) {
        found.addAll(detector.leaksIn(text, "in " + source.name()));
      }
    }
    return found;
  }

  /** One line per kind of leak, with how often it was seen; at most {@value #MAX_REPORTED} lines. */
  static String summary(List<String> problems) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    problems.forEach(p -> counts.merge(p, 1, Integer::sum));
    StringBuilder b = new StringBuilder();
    counts.entrySet().stream().limit(MAX_REPORTED).forEach(e -> b.append("\n  - ").append(e.getKey())
        .append(e.getValue() > 1 ? " (" + e.getValue() + " times)" : ""));
    if (counts.size() > MAX_REPORTED) {
      b.append("\n  … and ").append(counts.size() - MAX_REPORTED).append(" more");
    }
    return b.toString();
  }

  /** Fails with every leak of the class named {@code displayName} that began at {@code start}. */
  static void endAndCheck(int start, String displayName) {
    List<String> problems = end(start);
    if (!problems.isEmpty()) {
      throw new AssertionError("secrets leaked during " + displayName + ":" + summary(problems));
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(ExtensionContext.Namespace.create(LeakWatch.class)).put("start", begin());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Integer start = context.getStore(ExtensionContext.Namespace.create(LeakWatch.class)).get("start", Integer.class);
    endAndCheck(start == null ? 0 : start, context.getDisplayName());
  }
}
