package io.hotswap.internal.generation;

import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The most recent reloads and how many ended since start, for status views. Thread-safe. */
final class ReloadLog {
  private static final int BOUND = 32;

  private final Deque<ReloadRecord> reloads = new ArrayDeque<>();
  private long count;

  synchronized void add(Instant requestedAt, String trigger, ReloadOutcome outcome) {
    reloads.addLast(new ReloadRecord(requestedAt, trigger, outcome));
    while (reloads.size() > BOUND) {
      reloads.removeFirst();
    }
    count++;
  }

  synchronized List<ReloadRecord> recent() {
    return List.copyOf(reloads);
  }

  synchronized long count() {
    return count;
  }
}
