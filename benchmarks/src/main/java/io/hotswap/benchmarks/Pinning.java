package io.hotswap.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pins child processes to cores with {@code taskset -c}, when {@code taskset} is installed; when it
 * is not, commands run unpinned and {@link #available()} says so.
 *
 * <p>Stateless and thread-safe.
 */
final class Pinning {
  /** Where Debian installs {@code taskset} (util-linux). */
  static final Path TASKSET = Path.of("/usr/bin/taskset");

  private Pinning() {}

  /** Whether {@code taskset} is there. */
  static boolean available() {
    return Files.isExecutable(TASKSET);
  }

  /**
   * Pins every thread of this JVM to {@code cpus} ({@code taskset -a -p}), so that the driver's own
   * threads stay off the server's core; does nothing when {@code cpus} is null or {@code taskset}
   * is missing, and says so on stderr when it fails.
   */
  static void pinSelf(String cpus) {
    if (cpus == null || !available()) {
      return;
    }
    try {
      int status =
          new ProcessBuilder(
                  TASKSET.toString(),
                  "-a",
                  "-p",
                  "-c",
                  cpus,
                  Long.toString(ProcessHandle.current().pid()))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor();
      if (status != 0) {
        System.err.println("could not pin this JVM to cores " + cpus + ": taskset " + status);
      }
    } catch (IOException e) {
      System.err.println("could not pin this JVM to cores " + cpus + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code command} prefixed with {@code taskset -c cpus}, or unchanged if not pinning. */
  static List<String> pinned(String cpus, List<String> command) {
    List<String> out = new ArrayList<>();
    if (cpus != null && available()) {
      out.addAll(List.of(TASKSET.toString(), "-c", cpus));
    }
    out.addAll(command);
    return out;
  }
}
