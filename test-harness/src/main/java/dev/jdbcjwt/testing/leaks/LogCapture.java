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

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }
}
