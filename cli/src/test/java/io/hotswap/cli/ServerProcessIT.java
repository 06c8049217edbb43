package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotswap run} behaves like a server process for its supervisor (systemd, Kubernetes): it
 * exits non-zero with the cause when it cannot serve and will not try again, and a second instance
 * with a name already in use is refused while the first runs.
 */
class ServerProcessIT {
  @TempDir Path workDir;

  private final String name = "server-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void firstGenerationFails_withoutWatch_exitsNonZeroWithTheCause() throws Exception {
    Path empty = Files.createDirectories(workDir.resolve("empty"));
    Ended run = runToEnd("--code", empty.toString(), "--http", "0", "--name", name);
    assertThat(run.exitCode).as(run.output).isEqualTo(1);
    assertThat(run.output).contains("cannot serve").contains("FAILED").contains("--watch");
  }

  @Test
  void secondInstanceWithTheSameName_isRefused_whileTheFirstRuns() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    try (HotSwapProcess first = HotSwapProcess.run(workDir, fixtureHost(code))) {
      Ended second = runToEnd(fixtureHost(code));
      assertThat(second.exitCode).as(second.output).isEqualTo(2);
      assertThat(second.output)
          .contains("an instance named '" + name + "' is already running")
          .contains("pid " + first.pid());
      assertThat(first.process().isAlive()).isTrue();
    }
  }

  /** The endpoints the test fixture binds. */
  private String[] fixtureHost(Path code) {
    return HotSwapProcess.fixtureHost(code, name);
  }

  private record Ended(int exitCode, String output) {}

  /** Runs {@code hotswap run} in a JVM of its own and waits for it to end. */
  private Ended runToEnd(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path")));
    command.add(HotSwapCli.class.getName());
    command.add("run");
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile(workDir, "run-", ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Duration bound = Duration.ofSeconds(90);
    if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "hotswap run still running after " + bound + ":\n" + Files.readString(log));
    }
    return new Ended(process.exitValue(), Files.readString(log));
  }
}
