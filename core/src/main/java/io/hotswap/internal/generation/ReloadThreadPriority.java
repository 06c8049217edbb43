package io.hotswap.internal.generation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the CPU priority of the supervisor's blocking thread, where a reload reads, defines, links
 * and scans the new code, so that this work yields to the event loops serving requests: on Linux
 * the thread's nice value goes to {@value #DEFAULT_NICE} (system property {@value #PROPERTY}; 0
 * leaves it alone). When no core is idle, a nice-10 thread gets about a tenth of a core against a
 * nice-0 event loop and, more to the point, a woken event loop preempts it at once instead of
 * waiting out the scheduler's slice; when cores are idle it runs at full speed. Measured with the
 * load harness on 2 cores: p99 inside reload windows 1.63–1.68 × steady p99 at nice 0, 1.27–1.39 ×
 * at nice 10, reload time unchanged.
 *
 * <p>How: Java has no thread priority on Linux (without {@code -XX:ThreadPriorityPolicy=1}, which
 * changes every thread's), but Linux keeps a nice value per thread, which any user may raise. The
 * thread reads its own thread id from {@code /proc/thread-self}, and a short-lived helper thread
 * runs {@code renice} on it (from a helper, so that the JDK's process reaper, which the first child
 * process starts, does not inherit the lower priority). Threads the supervisor starts afterwards
 * inherit it: the define workers, meant to; nothing else, as its work starts no pool of the
 * application's (its caches maintain themselves on the calling thread). Elsewhere, or without
 * {@code renice}, nothing changes and the log says why.
 *
 * <p>Stateless and thread-safe.
 */
final class ReloadThreadPriority {
  /** The system property that sets the nice value; 0 leaves the thread alone. */
  static final String PROPERTY = "hotswap.reload.nice";

  /** The nice value by default. */
  static final int DEFAULT_NICE = 10;

  private static final Logger LOG = LoggerFactory.getLogger(ReloadThreadPriority.class);
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");
  private static final List<Path> RENICE =
      List.of(Path.of("/usr/bin/renice"), Path.of("/bin/renice"));

  private ReloadThreadPriority() {}

  /**
   * Lowers the calling thread's priority, in the background: returns at once; the change lands a
   * few milliseconds later and is logged.
   *
   * @return the helper thread that makes the change, or null when nothing is to be changed
   */
  static Thread lowerCurrentThread() {
    int nice = Math.min(19, Integer.getInteger(PROPERTY, DEFAULT_NICE));
    if (nice <= 0) {
      LOG.info("reload thread priority left alone ({}={})", PROPERTY, nice);
      return null;
    }
    if (!Files.isDirectory(THREAD_SELF)) {
      LOG.debug("reload thread priority left alone: no /proc/thread-self (not Linux)");
      return null;
    }
    String tid;
    int current;
    try {
      tid = currentThreadId();
      current = niceOf(tid);
    } catch (IOException | RuntimeException e) {
      LOG.debug("reload thread priority left alone: cannot read /proc/thread-self", e);
      return null;
    }
    if (current >= nice) {
      LOG.debug("reload thread already at nice {}", current);
      return null;
    }
    Thread helper = new Thread(() -> renice(tid, nice), "hotswap-reload-priority");
    helper.setDaemon(true);
    helper.start();
    return helper;
  }

  private static void renice(String tid, int nice) {
    Path renice = RENICE.stream().filter(Files::isExecutable).findFirst().orElse(null);
    if (renice == null) {
      LOG.info("reload thread priority left alone: renice not found");
      return;
    }
    try {
      Process process =
          new ProcessBuilder(renice.toString(), "-n", Integer.toString(nice), "-p", tid)
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        LOG.info("reload thread priority left alone: renice said {}", output.trim());
        return;
      }
      LOG.info(
          "reload thread (tid {}) at nice {}: reloads yield the CPU to requests", tid, niceOf(tid));
    } catch (IOException e) {
      LOG.info("reload thread priority left alone: renice failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The Linux thread id of the calling thread, from {@code /proc/thread-self}. */
  static String currentThreadId() throws IOException {
    return Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
  }

  /**
   * The nice value of thread {@code tid} of this process, from {@code /proc/self/task/<tid>/stat}.
   */
  static int niceOf(String tid) throws IOException {
    String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
    // Field 2, the command, is in parentheses and may hold spaces: count from after it. The nice
    // value is field 19, the 17th after the command.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Integer.parseInt(fields[16]);
  }
}
