package dev.jdbcjwt.testing.leaks;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check of the leak watch, on a private {@link LeakDetector} whose secret the suite-wide watch does not know: the
 * leaks made here on purpose are found by the check under test and do not fail this class.
 */
class LeakWatchTest {

  private final String secret = "self-test-secret-" + UUID.randomUUID();
  private final LeakDetector detector = new LeakDetector();

  LeakWatchTest() {
    detector.register(secret);
  }

  @Test
  void theDetectorRecognisesTokensAndRegisteredSecretsWithoutRepeatingThem() {
    String jwtShaped = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2ln";
    assertThat(detector.leaksIn("a " + jwtShaped.replace("eyJ", "ey") + " b")).isEmpty();
    assertThat(detector.leaksIn("password=" + secret)).containsExactly("a registered secret of 53 characters");
    assertThat(detector.leaksIn(null)).isEmpty();
    assertThat(detector.leaksIn("short")).isEmpty();
    detector.register("short"); // below 8 characters: ignored, it would match too much
    assertThat(detector.leaksIn("short")).isEmpty();
    assertThat(String.join(" ", detector.leaksIn(secret + " " + jwtShaped))).doesNotContain(secret, jwtShaped);
  }

  @Test
  void theSuiteWideWatchIsRunning() {
    assertThat(LeakWatch.leaksIn("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhcHAifQ.c2ln")).containsExactly("a JWT-shaped token");
    assertThat(LeakWatch.leaksIn(secret)).as("the private secret is unknown to the suite-wide watch").isEmpty();
  }

  @Test
  void exceptionMessagesAndThreadNamesAreCheckedThroughJfr() throws Exception {
    try (ExceptionWatch watch = ExceptionWatch.start(detector, ExceptionAllowRules.NONE)) {
      assertThat(watch.drain(Duration.ofSeconds(10))).isEmpty();

      new IllegalStateException("connecting with " + secret);
      new java.sql.SQLException("refused " + secret, "28000", new RuntimeException("cause"));
      new AssertionError(secret); // an Error: seen by both JFR events
      new IllegalArgumentException("nothing to see");
      Thread named = new Thread(() -> { }, "worker-" + secret);
      named.start();
      named.join();

      List<String> leaks = watch.drain(Duration.ofSeconds(10));
      assertThat(leaks).contains(
          "a registered secret of 53 characters in the message of a new java.lang.IllegalStateException (thread '"
              + Thread.currentThread().getName() + "')",
          "a registered secret of 53 characters in the message of a new java.sql.SQLException (thread '"
              + Thread.currentThread().getName() + "')",
          "a registered secret of 53 characters in the message of a new java.lang.AssertionError (thread '"
              + Thread.currentThread().getName() + "')")
          .anySatisfy(l -> assertThat(l).startsWith("a registered secret of 53 characters in the name of a thread "
              + "started at "))
          .noneMatch(l -> l.contains("IllegalArgumentException") || l.contains("RuntimeException"))
          .allSatisfy(l -> assertThat(l).doesNotContain(secret));
      assertThat(watch.exceptionsSeen()).isGreaterThanOrEqualTo(5);
      assertThat(watch.threadsSeen()).isGreaterThanOrEqualTo(1);

      new IllegalStateException("all clear");
      assertThat(watch.drain(Duration.ofSeconds(10))).as("each drain reports only what came after the last").isEmpty();
    }
  }

  @Test
  void anAllowRuleExemptsOnlyItsExceptionClassAndMessageShape() throws Exception {
    ExceptionAllowRules rules = new ExceptionAllowRules(List.of(new ExceptionAllowRules.Rule(
        "java.lang.UnsupportedOperationException", Pattern.compile("harness fixture: .*"), "a self-test")));
    try (ExceptionWatch watch = ExceptionWatch.start(detector, rules)) {
      new UnsupportedOperationException("harness fixture: " + secret);
      new UnsupportedOperationException("other text: " + secret);
      new IllegalStateException("harness fixture: " + secret);
      assertThat(watch.drain(Duration.ofSeconds(10))).hasSize(2)
          .anySatisfy(l -> assertThat(l).contains("UnsupportedOperationException"))
          .anySatisfy(l -> assertThat(l).contains("IllegalStateException"));
    }
    assertThat(ExceptionAllowRules.NONE.allows("java.lang.RuntimeException", "x")).isFalse();
  }

  /** A readable attribute and a write-only one. */
  public interface LeakyMBean {
    String getUrl();

    int getSize();

    void setPassword(String password);
  }

  /** The MBean behind {@link LeakyMBean}. */
  public static final class Leaky implements LeakyMBean {
    private final String url;

    Leaky(String url) {
      this.url = url;
    }

    @Override
    public String getUrl() {
      return url;
    }

    @Override
    public int getSize() {
      return 3;
    }

    @Override
    public void setPassword(String password) {
    }
  }

  @Test
  void mbeanAttributesAndNamesOutsideTheJdkDomainsAreChecked() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName leaky = new ObjectName("dev.jdbcjwt.selftest:type=Leaky");
    ObjectName named = new ObjectName("dev.jdbcjwt.selftest:type=Named,name=" + secret);
    ObjectName clean = new ObjectName("dev.jdbcjwt.selftest:type=Clean");
    server.registerMBean(new Leaky("jdbc:x://db?password=" + secret), leaky);
    server.registerMBean(new Leaky("jdbc:x://db"), named);
    server.registerMBean(new Leaky("jdbc:x://db"), clean);
    System.setProperty("leakwatch.selftest", secret); // java.lang:type=Runtime shows it: a JDK domain, not checked
    try {
      assertThat(MBeanScan.leaks(server, detector)).containsExactlyInAnyOrder(
          "a registered secret of 53 characters in attribute Url of an MBean in domain dev.jdbcjwt.selftest",
          "a registered secret of 53 characters in the name of an MBean in domain dev.jdbcjwt.selftest");
    } finally {
      System.clearProperty("leakwatch.selftest");
      server.unregisterMBean(leaky);
      server.unregisterMBean(named);
      server.unregisterMBean(clean);
    }
    assertThat(MBeanScan.leaks(server, detector)).isEmpty();
  }

  @Test
  void leakSourceTextsAreChecked() {
    LeakSource source = new LeakSource() {
      @Override
      public String name() {
        return "self-test meter ids";
      }

      @Override
      public Iterable<String> texts() {
        return List.of("jdbc.jwt.tokens.fetched source=app", "jdbc.jwt.tokens.fetched source=" + secret);
      }
    };
    assertThat(LeakWatch.sourceLeaks(List.of(source), detector))
        .containsExactly("a registered secret of 53 characters in self-test meter ids");
    assertThat(LeakWatch.sourceLeaks(List.of(source), new LeakDetector())).isEmpty();
  }

  @Test
  void liveThreadNamesAreChecked() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pool-" + secret);
    t.start();
    try {
      assertThat(ThreadNames.leaks(detector))
          .containsExactly("a registered secret of 53 characters in the name of a live thread");
    } finally {
      done.countDown();
      t.join();
    }
    assertThat(ThreadNames.leaks(detector)).isEmpty();
  }

  @Test
  void logRecordsAndTheirCausesAreChecked() {
    LogCapture logs = new LogCapture(detector);
    LogRecord clean = new LogRecord(Level.FINEST, "connecting as {0}");
    clean.setParameters(new Object[] {"app"});
    clean.setLoggerName("dev.jdbcjwt.selftest");
    logs.publish(clean);
    LogRecord leaky = new LogRecord(Level.FINE, "connect failed");
    leaky.setLoggerName("dev.jdbcjwt.selftest");
    leaky.setThrown(new RuntimeException("outer", new IllegalStateException("inner " + secret)));
    logs.publish(leaky);
    assertThat(logs.count()).isEqualTo(2);
    assertThat(logs.leaksSince(0))
        .containsExactly("a registered secret of 53 characters in a log record from dev.jdbcjwt.selftest at FINE");
    assertThat(logs.leaksSince(1)).isEmpty();
  }

  @Test
  void theFailureMessageCountsRepeatsAndIsBounded() {
    String summary = LeakWatch.summary(List.of("a in x", "a in x", "b in y"));
    assertThat(summary).isEqualTo("\n  - a in x (2 times)\n  - b in y");
    List<String> many = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "leak " + i).toList();
    assertThat(LeakWatch.summary(many)).contains("leak 39").doesNotContain("leak 40").endsWith("… and 10 more");
  }

  @Test
  void onlyTheInProcessIdentityProvidersLoggersAreLeftUnchecked() {
    assertThat(LogCapture.fromTestServer("no.nav.security.mock.oauth2.http.OAuth2HttpRequestHandler")).isTrue();
    assertThat(LogCapture.fromTestServer("org.eclipse.jetty.server.Server")).isTrue();
    for (String ours : new String[] {"dev.jdbcjwt.jdbc", "dev.jdbcjwt.token", "org.postgresql.Driver",
        "org.mariadb.jdbc", "com.mysql.cj", "com.zaxxer.hikari.HikariConfig", "org.springframework.boot", "", null}) {
      assertThat(LogCapture.fromTestServer(ours)).as(String.valueOf(ours)).isFalse();
    }
  }
}
