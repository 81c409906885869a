package dev.jdbcjwt.testing.leaks;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Pattern;

/**
 * Captures every log record at every level (java.util.logging, where System.Logger, pgjdbc and the MariaDB driver
 * write) during each test class, and fails the class when a token or a registered secret appears in one, or in the
 * name of a live thread. Registered
 * for every test class through JUnit's extension auto-detection.
 *
 * <p>A token is anything shaped like a JWT (base64url JSON header and payload): no log line of ours ever needs one.
 */
public final class LeakWatch implements BeforeAllCallback, AfterAllCallback {

  private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{6,}\\.eyJ[A-Za-z0-9_-]{6,}");
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  /** Records are checked as they arrive; only leaks, warnings and a bounded tail of the rest are kept. */
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
  private static final java.util.ArrayDeque<String> RECENT = new java.util.ArrayDeque<>();
  private static final int RECENT_LIMIT = 20_000;
  private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();
  private static final Handler HANDLER = new Capture();
  private static volatile boolean installed;

  /** Marks {@code secret} (a client secret, a key's base64 body) as something no log line may contain. */
  public static void registerSecret(String secret) {
    if (secret != null && secret.length() >= 8) {
      SECRETS.add(secret);
    }
  }

  /** How many records were captured so far in this JVM, to show the watch is really watching. */
  public static int capturedCount() {
    return COUNT.get();
  }

  /**
   * Records captured so far, formatted (logger, level, message, causes): every WARNING and above, and the most recent
   * of the others.
   */
  public static List<String> captured() {
    List<String> out = new ArrayList<>(WARNINGS);
    synchronized (RECENT) {
      out.addAll(RECENT);
    }
    return out;
  }

  /** The leaks in {@code text}: descriptions that never repeat the secret itself. */
  public static List<String> leaksIn(String text) {
    List<String> found = new ArrayList<>();
    if (JWT_SHAPE.matcher(text).find()) {
      found.add("a JWT-shaped token");
    }
    for (String s : SECRETS) {
      if (text.contains(s)) {
        found.add("a registered secret of " + s.length() + " characters");
      }
    }
    return found;
  }

  static synchronized void install() {
    if (installed) {
      return;
    }
    Logger root = Logger.getLogger("");
    root.setLevel(Level.ALL);
    root.addHandler(HANDLER);
    for (String name : List.of("dev.jdbcjwt", "org.postgresql", "org.mariadb", "com.mysql", "com.zaxxer")) {
      Logger.getLogger(name).setLevel(Level.ALL);
    }
    for (Handler h : root.getHandlers()) {
      if (h != HANDLER && h.getLevel().intValue() < Level.INFO.intValue()) {
        h.setLevel(Level.INFO); // keep the console readable; capture still sees everything
      }
    }
    installed = true;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
    context.getStore(ExtensionContext.Namespace.create(LeakWatch.class)).put("start", LEAKS.size());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Integer start = context.getStore(ExtensionContext.Namespace.create(LeakWatch.class)).get("start", Integer.class);
    List<String> problems = new ArrayList<>(LEAKS.subList(start == null ? 0 : start, LEAKS.size()));
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      for (String leak : leaksIn(t.getName())) {
        problems.add(leak + " in the name of a thread");
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("secrets leaked into logs or thread names during " + context.getDisplayName() + ": "
          + problems);
    }
  }

  private static final class Capture extends Handler {
    private final SimpleFormatter formatter = new SimpleFormatter();

    Capture() {
      setLevel(Level.ALL);
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
      COUNT.incrementAndGet();
      for (String leak : leaksIn(text)) {
        LEAKS.add(leak + " in a log record from " + record.getLoggerName() + " at " + record.getLevel());
      }
      if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
        WARNINGS.add(text);
      } else {
        synchronized (RECENT) {
          RECENT.addLast(text);
          if (RECENT.size() > RECENT_LIMIT) {
            RECENT.removeFirst();
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
}
