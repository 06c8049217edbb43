package io.hotswap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads Linux's {@code /proc}: a process's CPU time (utime + stime of {@code /proc/<pid>/stat}), a
 * core's busy and total time ({@code /proc/stat}), the load average ({@code /proc/loadavg}), all in
 * clock ticks ({@link #ticksPerSecond()}).
 *
 * <p>Stateless and thread-safe.
 */
final class ProcStat {
  private static final long TICKS_PER_SECOND = readTicksPerSecond();

  private ProcStat() {}

  /** Clock ticks per second ({@code getconf CLK_TCK}; 100 if that fails). */
  static long ticksPerSecond() {
    return TICKS_PER_SECOND;
  }

  /** User plus system CPU ticks the process {@code pid} has used so far. */
  static long processTicks(long pid) {
    String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * Ticks core {@code cpu} has spent busy and in all, {@code {busy, total}}; busy excludes idle and
   * iowait.
   */
  static long[] coreTicks(int cpu) {
    for (String line : read(Path.of("/proc/stat")).split("\n")) {
      if (line.startsWith("cpu" + cpu + " ")) {
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < f.length; i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
      }
    }
    throw new IllegalArgumentException("no cpu" + cpu + " in /proc/stat");
  }

  /** The 1-, 5- and 15-minute load averages. */
  static double[] loadAverage() {
    String[] f = read(Path.of("/proc/loadavg")).trim().split("\\s+");
    return new double[] {
      Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])
    };
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long readTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      return getconf.waitFor() == 0 ? Long.parseLong(out.trim()) : 100;
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
