package dev.jdbcjwt.jdbc.soak;

import com.zaxxer.hikari.HikariPoolMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One reading of what must not grow over a soak: threads, open file descriptors, heap after a full GC, the pool. */
record Sample(long atMillis, int threads, int ourThreads, long fileDescriptors, long heapAfterGcBytes,
    int poolTotal, int poolActive, int poolWaiting, long transactions) {

  /** Reads now; {@code gc} forces a full collection first and records the heap after it (else -1). */
  static Sample take(long atMillis, HikariPoolMXBean pool, long transactions, boolean gc) {
    long heap = -1;
    if (gc) {
      System.gc();
      heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
    int ours = 0;
    int all = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      all++;
      if (t.getName().startsWith("jdbc-jwt")) {
        ours++;
      }
    }
    return new Sample(atMillis, all, ours, openFileDescriptors(), heap, pool.getTotalConnections(),
        pool.getActiveConnections(), pool.getThreadsAwaitingConnection(), transactions);
  }

  /** Open file descriptors of this process (Linux), or -1 where /proc is not there. */
  static long openFileDescriptors() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  String row() {
    return String.format("| %5.0f | %d | %d | %d | %s | %d | %d | %d | %d |", atMillis / 1000.0, threads, ourThreads,
        fileDescriptors, heapAfterGcBytes < 0 ? "" : String.format("%.1f", heapAfterGcBytes / 1048576.0),
        poolTotal, poolActive, poolWaiting, transactions);
  }

  static String header() {
    return "| s | threads | jdbc-jwt threads | fds | heap after GC MiB | pool total | active | waiting | "
        + "transactions |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  }
}
