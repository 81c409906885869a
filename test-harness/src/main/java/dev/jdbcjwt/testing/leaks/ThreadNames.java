package dev.jdbcjwt.testing.leaks;

import java.util.ArrayList;
import java.util.List;

/** The names of all live threads (the JFR stream also sees the name of every thread when it starts). */
final class ThreadNames {

  private ThreadNames() {
  }

  static List<String> leaks(LeakDetector detector) {
    List<String> found = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      found.addAll(detector.leaksIn(t.getName(), "in the name of a live thread"));
    }
    return found;
  }
}
