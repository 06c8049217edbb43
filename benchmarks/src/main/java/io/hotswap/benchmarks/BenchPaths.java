package io.hotswap.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where benchmarks keep what they generate: {@code benchmarks/target/} when run from the repository
 * root, {@code target/} when run from the module, else a temp directory; the system property {@code
 * hotswap.bench.dir} overrides all three.
 *
 * <p>Stateless and thread-safe.
 */
final class BenchPaths {
  private BenchPaths() {}

  /** The output directory, created if needed. */
  static Path outputDir() {
    try {
      String configured = System.getProperty("hotswap.bench.dir");
      Path dir;
      if (configured != null) {
        dir = Path.of(configured);
      } else if (Files.isDirectory(Path.of("benchmarks", "target"))) {
        dir = Path.of("benchmarks", "target");
      } else if (Files.isDirectory(Path.of("target"))) {
        dir = Path.of("target");
      } else {
        dir = Path.of(System.getProperty("java.io.tmpdir"), "hotswap-bench");
      }
      return Files.createDirectories(dir.toAbsolutePath().normalize());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh, empty directory under the output directory. */
  static Path freshDir(String prefix) {
    try {
      Path parent = Files.createDirectories(outputDir().resolve("run"));
      return Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
