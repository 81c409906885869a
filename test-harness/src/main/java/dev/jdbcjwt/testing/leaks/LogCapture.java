package dev.jdbcjwt.testing.leaks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * A java.util.logging handler on the root logger, at every level (System.Logger, pgjdbc, the MariaDB driver and,
 * through slf4j-jdk14, HikariCP and Spring write there). Each record (message, parameters, and the
 * {@code toString()} of its throwable and every cause) is checked as it arrives; only leaks, warnings and a bounded
 * tail of the rest are kept.
 */
final class LogCapture extends Handler {

  private static final int RECENT_LIMIT = 20_000;

  /**
   * Loggers of the servers the tests run in process as identity providers (mock-oauth2-server, WireMock and the Jetty
   * and Netty underneath): they are the other side of the wire and log the tokens they issue, as a real identity
   * provider does in its own logs. Their records are not checked and they log at INFO and above (their DEBUG output
   * would cost load tests more than it tells). Never add our library, a database driver, a pool or Spring here.
   */
  static final List<String> TEST_SERVERS = List.of("no.nav.security.mock.oauth2", "com.github.tomakehurst.wiremock",
      "wiremock.", "org.eclipse.jetty", "io.netty");

  private final LeakDetector detector;
  private final SimpleFormatter formatter = new SimpleFormatter();
  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final ArrayDeque<String> recent = new ArrayDeque<>();
  private final AtomicInteger count = new AtomicInteger();

  LogCapture(LeakDetector detector) {
    this.detector = detector;
    setLevel(Level.ALL);
  }

  /** Adds this handler to the root logger and opens the loggers of our library, the drivers and HikariCP. */
  void install() {
    Logger root = Logger.getLogger("");
    root.setLevel(Level.ALL);
    root.addHandler(this);
    for (String name : List.of("dev.jdbcjwt", "org.postgresql", "org.mariadb", "com.mysql", "com.zaxxer")) {
      Logger.getLogger(name).setLevel(Level.ALL);
    }
    for (String name : TEST_SERVERS) {
      Logger.getLogger(name.endsWith(".") ? name.substring(0, name.length() - 1) : name).setLevel(Level.INFO);
    }
    for (Handler h : root.getHandlers()) {
      if (h != this && h.getLevel().intValue() < Level.INFO.intValue()) {
        h.setLevel(Level.INFO); // keep the console readable; capture still sees everything
      }
    }
  }

  int count() {
    return count.get();
  }

  /** How many leaks were seen so far: a test class remembers it at its start. */
  int leakCount() {
    return leaks.size();
  }

  List<String> leaksSince(int start) {
    return new ArrayList<>(leaks.subList(Math.min(start, leaks.size()), leaks.size()));
  }

  List<String> captured() {
    List<String> out = new ArrayList<>(warnings);
    synchronized (recent) {
      out.addAll(recent);
    }
    return out;
  }

  @Override
  public void publish(LogRecord record) {
    if (fromTestServer(record.getLoggerName())) {
      return;
    }
    String message;
    try {
      message = formatter.formatMessage(record);
    } catch (RuntimeException e) {
      message = String.valueOf(record.getMessage());
    }
    StringBuilder b = new StringBuilder(record.getLoggerName() + " " + record.getLevel() + " " + message);
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      b.append(" | ").append(t);
    }
    String text = b.toString();
    count.incrementAndGet();
    leaks.addAll(detector.leaksIn(text, "in a log record from " + record.getLoggerName() + " at " + record.getLevel()));
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      warnings.add(text);
    } else {
      synchronized (recent) {
        recent.addLast(text);
        if (recent.size() > RECENT_LIMIT) {
          recent.removeFirst();
        }
      }
    }
  }

  static boolean fromTestServer(String loggerName) {
    if (loggerName == null) {
      return false;
    }
    for (String prefix : TEST_SERVERS) {
      if (loggerName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }
}
