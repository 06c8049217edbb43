package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.CliRun;
import io.hotswap.testing.Fixture;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher killed outright (SIGKILL: a supervisor's final stop, the OOM killer) takes its host
 * JVM with it: the host notices the launcher is gone, drains and exits, and the instance name is
 * free again for the supervisor's restart. Before, the host lived on as an orphan that held the
 * port and the name.
 */
class LauncherDeathIT {
  @TempDir Path workDir;

  private final String name = "orphan-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void launcherKilled_hostStopsAndFreesItsName() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    // The application ships Vert.x core: the launcher starts a host JVM of its own on it.
    Path lib = Files.createDirectories(code.resolve("lib"));
    Path vertxCore = classpathJar("vertx-core-");
    Files.copy(vertxCore, lib.resolve(vertxCore.getFileName()));
    try (HotSwapProcess launcher =
        HotSwapProcess.run(workDir, HotSwapProcess.fixtureHost(code, name))) {
      assertThat(launcher.output()).contains("the application brings its platform");
      ProcessHandle host =
          launcher
              .process()
              .descendants()
              .filter(LauncherDeathIT::isHost)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no host JVM under the launcher"));

      launcher.process().destroyForcibly();
      assertThat(launcher.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !host.isAlive());
      assertThat(launcher.output())
          .contains("the launcher (pid " + launcher.pid() + ") exited: stopping")
          .contains("hotswap '" + name + "' stopped");
      assertThat(CliRun.of("status", "--name", name).exitCode()).isNotZero();
    }
  }

  /** Whether {@code process} is a host JVM (its command line read from /proc: Linux). */
  private static boolean isHost(ProcessHandle process) {
    try {
      String commandLine =
          new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")));
      return commandLine.contains("-D" + HostProcess.HOST_PROPERTY + "=true");
    } catch (java.io.IOException gone) {
      return false;
    }
  }

  private static Path classpathJar(String prefix) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(path -> path.getFileName().toString().startsWith(prefix))
        .filter(path -> path.toString().endsWith(".jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(prefix + "*.jar is not on the test classpath"));
  }
}
