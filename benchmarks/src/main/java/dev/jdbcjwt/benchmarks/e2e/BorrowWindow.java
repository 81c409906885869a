package dev.jdbcjwt.benchmarks.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A timed window of borrows: {@code count} threads borrow a connection, run {@code SELECT 1} and return it, until the
 * window ends; each {@code getConnection()} is timed alone, in nanoseconds.
 */
final class BorrowWindow {

  private BorrowWindow() {
  }

  /**
   * The borrow times of all threads. A failed borrow or statement counts in {@code failures}; with {@code failures}
   * null it ends the window with its exception instead.
   */
  static LongList measure(DataSource ds, ExecutorService threads, int count, long millis, AtomicLong failures)
      throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    List<Future<LongList>> futures = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      futures.add(threads.submit(() -> {
        LongList local = new LongList();
        while (System.nanoTime() < deadline) {
          try {
            borrowOnce(ds, local);
          } catch (SQLException e) {
            if (failures == null) {
              throw e;
            }
            failures.incrementAndGet();
          }
        }
        return local;
      }));
    }
    LongList all = new LongList();
    for (Future<LongList> f : futures) {
      all.addAll(f.get());
    }
    return all;
  }

  private static void borrowOnce(DataSource ds, LongList into) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = ds.getConnection()) {
      into.add(System.nanoTime() - start);
      try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
  }
}
