package io.hotswap.benchmarks;

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
