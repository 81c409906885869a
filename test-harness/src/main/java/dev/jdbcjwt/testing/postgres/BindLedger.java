package dev.jdbcjwt.testing.postgres;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts binds, overall and per user, and keeps each user's last rejection reason. Thread-safe. */
final class BindLedger {

  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<String, LongAdder> succeededByUser = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failedByUser = new ConcurrentHashMap<>();
  private final Map<String, String> lastRejection = new ConcurrentHashMap<>();

  void success(String user) {
    succeeded.increment();
    succeededByUser.computeIfAbsent(user, u -> new LongAdder()).increment();
  }

  void failure(String user, String reason) {
    lastRejection.put(user, reason);
    failed.increment();
    failedByUser.computeIfAbsent(user, u -> new LongAdder()).increment();
  }

  long succeeded() {
    return succeeded.sum();
  }

  long failed() {
    return failed.sum();
  }

  long succeeded(String user) {
    LongAdder count = succeededByUser.get(user);
    return count == null ? 0 : count.sum();
  }

  long failed(String user) {
    LongAdder count = failedByUser.get(user);
    return count == null ? 0 : count.sum();
  }

  Optional<String> lastRejection(String user) {
    return Optional.ofNullable(lastRejection.get(user));
  }
}
