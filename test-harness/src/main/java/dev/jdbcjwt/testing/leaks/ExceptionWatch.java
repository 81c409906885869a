package dev.jdbcjwt.testing.leaks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sees the message of every Throwable constructed in this JVM, and the name of every thread started, through a JDK
 * Flight Recorder stream ({@code jdk.JavaExceptionThrow}, {@code jdk.JavaErrorThrow}, {@code jdk.ThreadStart}, all
 * without stack traces), and checks them with a {@link LeakDetector}.
 *
 * <p>What the events carry: the message given to the Throwable constructor. {@code toString()} of a Throwable is its
 * class name and {@code getLocalizedMessage()}, so this covers it, except for classes that compute their message by
 * overriding {@code getMessage()} (log records' throwables and causes are also checked, through their
 * {@code toString()}, by {@link LogCapture}). {@code new X(cause)} carries no message of its own (its text is the
 * cause's, checked when the cause was made).
 *
 * <p>Events arrive about once a second (JFR flushes its buffers on that period). {@link #drain} makes the result
 * deterministic: it constructs a marker exception with a unique message and waits until the stream delivers it; the
 * stream is ordered, so every event committed before the marker has been checked by then.
 *
 * <p>On JDK 25, {@code jdk.JavaExceptionThrow} alone delivers nothing: {@code jdk.JavaErrorThrow} must be enabled too
 * for the JDK to instrument Throwable's constructors (both are enabled here).
 */
final class ExceptionWatch implements AutoCloseable {

  private static final String EXCEPTION = "jdk.JavaExceptionThrow";
  private static final String ERROR = "jdk.JavaErrorThrow";
  private static final String THREAD_START = "jdk.ThreadStart";
  private static final String MARKER_PREFIX = "leak-watch-marker-";

  private final LeakDetector detector;
  private final ExceptionAllowRules allowed;
  private final RecordingStream stream;
  private final ConcurrentLinkedQueue<String> leaks = new ConcurrentLinkedQueue<>();
  private final Map<String, CountDownLatch> markers = new ConcurrentHashMap<>();
  private final AtomicLong exceptions = new AtomicLong();
  private final AtomicLong threads = new AtomicLong();
  private final AtomicLong drainNanos = new AtomicLong();

  private ExceptionWatch(LeakDetector detector, ExceptionAllowRules allowed) {
    this.detector = detector;
    this.allowed = allowed;
    this.stream = new RecordingStream();
    stream.setOrdered(true);
    stream.enable(EXCEPTION).withoutStackTrace();
    stream.enable(ERROR).withoutStackTrace();
    stream.enable(THREAD_START).withoutStackTrace();
    stream.onEvent(EXCEPTION, this::onThrowable);
    stream.onEvent(ERROR, this::onThrowable);
    stream.onEvent(THREAD_START, this::onThreadStart);
    stream.startAsync();
  }

  /** Starts a stream checked with {@code detector}; fails when the JVM has no JDK Flight Recorder. */
  static ExceptionWatch start(LeakDetector detector, ExceptionAllowRules allowed) {
    return new ExceptionWatch(detector, allowed);
  }

  private void onThrowable(RecordedEvent event) {
    String message = event.getString("message");
    if (message == null) {
      return;
    }
    if (message.startsWith(MARKER_PREFIX)) {
      CountDownLatch marker = markers.get(message);
      if (marker != null) {
        marker.countDown();
      }
      return;
    }
    if (event.getEventType().getName().equals(EXCEPTION)) {
      exceptions.incrementAndGet(); // an Error is reported by both events: count it once
    }
    String type = event.getClass("thrownClass") == null ? "Throwable" : event.getClass("thrownClass").getName();
    List<String> found = detector.leaksIn(message);
    if (!found.isEmpty() && !allowed.allows(type, message)) {
      String thread = threadName(event.getThread());
      for (String leak : found) {
        leaks.add(leak + " in the message of a new " + type + " (thread '" + thread + "')");
      }
    }
  }

  private void onThreadStart(RecordedEvent event) {
    threads.incrementAndGet();
    String name = threadName(event.getThread("thread"));
    leaks.addAll(detector.leaksIn(name, "in the name of a thread started at " + event.getStartTime()));
  }

  private static String threadName(RecordedThread thread) {
    if (thread == null) {
      return "?";
    }
    return thread.getJavaName() != null ? thread.getJavaName() : String.valueOf(thread.getOSName());
  }

  /**
   * Waits (at most {@code timeout}) until every Throwable constructed and every thread started before this call has
   * been checked, and returns the leaks found since the last drain.
   *
   * @throws IllegalStateException when the stream did not catch up in time (the watch cannot vouch for the class)
   */
  List<String> drain(Duration timeout) {
    String id = MARKER_PREFIX + UUID.randomUUID();
    CountDownLatch seen = new CountDownLatch(1);
    markers.put(id, seen);
    long started = System.nanoTime();
    try {
      new Marker(id);
      if (!seen.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the exception watch (JFR) did not deliver its marker within " + timeout
            + "; exception messages of this class were not all checked");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the exception watch", e);
    } finally {
      markers.remove(id);
      drainNanos.addAndGet(System.nanoTime() - started);
    }
    return take();
  }

  private List<String> take() {
    List<String> out = new ArrayList<>();
    for (String leak = leaks.poll(); leak != null; leak = leaks.poll()) {
      out.add(leak);
    }
    return out;
  }

  /** How many exceptions (Errors included) were checked so far, to show the watch is really watching. */
  long exceptionsSeen() {
    return exceptions.get();
  }

  /** How many thread starts were checked so far. */
  long threadsSeen() {
    return threads.get();
  }

  /** How long the drains waited for the stream so far: the time the watch adds to a test run. */
  Duration drainTime() {
    return Duration.ofNanos(drainNanos.get());
  }

  @Override
  public void close() {
    stream.close();
  }

  /** Thrown never: constructed only so that its message travels through the stream. No stack trace is taken. */
  private static final class Marker extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Marker(String message) {
      super(message, null, false, false);
    }
  }
}
