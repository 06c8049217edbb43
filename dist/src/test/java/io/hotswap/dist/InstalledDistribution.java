package io.hotswap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The distribution archive unpacked into an empty directory, as a user installs it, and commands
 * run from another directory. Not thread-safe; one per test.
 */
final class InstalledDistribution {
  private final Path home;
  private final Path workDir;

  private InstalledDistribution(Path home, Path workDir) {
    this.home = home;
    this.workDir = workDir;
  }

  /** Unpacks the archive into {@code install}; commands run in {@code workDir}. */
  static InstalledDistribution unpack(Path install, Path workDir) throws Exception {
    Path archive = Path.of(System.getProperty("hotswap.dist.archive"));
    InstalledDistribution none = new InstalledDistribution(install, workDir);
    Result untar = none.run(List.of("tar", "xzf", archive.toString(), "-C", install.toString()));
    assertThat(untar.exitCode()).as(untar.output()).isZero();
    try (var entries = Files.list(install)) {
      List<Path> homes = entries.toList();
      assertThat(homes).hasSize(1);
      return new InstalledDistribution(homes.get(0), workDir);
    }
  }

  /** {@code bin/hotswap}. */
  Path hotswap() {
    return home.resolve("bin/hotswap");
  }

  /** A command's exit code and output. */
  record Result(int exitCode, String output) {}

  /** Runs {@code command} in the work directory (JAVA_HOME this JVM's), bounded by 2 minutes. */
  Result run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "command-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end:\n" + Files.readString(out));
    }
    return new Result(process.exitValue(), Files.readString(out));
  }

  /** A port free now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
