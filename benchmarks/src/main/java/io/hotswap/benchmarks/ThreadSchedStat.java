package io.hotswap.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What Linux's scheduler counted for one thread ({@code /proc/self/task/<tid>/schedstat}): time on
 * a CPU and time runnable but waiting for one, in nanoseconds. The rest of a thread's wall time was
 * spent blocked (a lock, a latch, I/O), so the three tell contention apart from a busy machine.
 *
 * @param onCpu nanoseconds run so far
 * @param waitingForCpu nanoseconds spent runnable in a run queue so far
 */
record ThreadSchedStat(long onCpu, long waitingForCpu) {
  private static final Path TASKS = Path.of("/proc/self/task");

  /** The difference {@code this - earlier}. */
  ThreadSchedStat minus(ThreadSchedStat earlier) {
    return new ThreadSchedStat(onCpu - earlier.onCpu, waitingForCpu - earlier.waitingForCpu);
  }

  /** The thread id of the calling thread ({@code /proc/thread-self}). */
  static String currentTid() throws IOException {
    return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
  }

  /** The counters of the threads of this process named with {@code prefix}, and of {@code tid}. */
  static Map<String, ThreadSchedStat> of(String tid, String prefix) throws IOException {
    Map<String, ThreadSchedStat> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        String id = task.getFileName().toString();
        try {
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          if (id.equals(tid) || name.startsWith(prefix)) {
            String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
            threads.put(
                id, new ThreadSchedStat(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
          }
        } catch (IOException ended) {
          // the thread ended while we read it: it did not take part
        }
      }
    }
    return threads;
  }
}
