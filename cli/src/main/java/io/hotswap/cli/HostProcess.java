package io.hotswap.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The host JVM of {@code hotswap run} when the application brings its own platform: this JVM's
 * flags, the host classpath, the same command line; its output is this process's, and this process
 * ends with its exit code. A TERM or Ctrl-C here is passed on (the host drains and stops) and
 * waited for; a launcher killed outright is noticed by the host ({@link LauncherWatch}), so no host
 * outlives its launcher.
 *
 * <p>Not thread-safe; one per launcher.
 */
final class HostProcess {
  /** Set on the host JVM: it runs the application itself instead of launching another JVM. */
  static final String HOST_PROPERTY = "hotswap.host";

  private static final Duration STOP_BOUND = Duration.ofMinutes(2);

  private HostProcess() {}

  /** Whether this JVM is a host that a launcher started. */
  static boolean isHost() {
    return Boolean.getBoolean(HOST_PROPERTY);
  }

  /**
   * Runs {@code arguments} (the command line as given, {@code run ...}) in a host JVM on {@code
   * classpath} and returns its exit code.
   *
   * @throws IOException when the JVM cannot be started
   */
  static int run(List<Path> classpath, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(javaOfThisJvm()));
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!flag.startsWith("-agentlib:jdwp")
          && !flag.startsWith("-D" + HOST_PROPERTY + "=")
          && !flag.startsWith("-D" + LauncherWatch.LAUNCHER_PID_PROPERTY + "=")) {
        command.add(flag);
      }
    }
    // A java -jar launcher has these from its manifest only; a host started with -cp needs them.
    command.addAll(HostJvmFlags.addOpens());
    command.add("-D" + HOST_PROPERTY + "=true");
    // The host stops when this launcher is gone, even killed outright (LauncherWatch).
    command.add("-D" + LauncherWatch.LAUNCHER_PID_PROPERTY + "=" + ProcessHandle.current().pid());
    command.add("-cp");
    command.add(
        classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(HotSwapCli.class.getName());
    command.addAll(arguments);
    Process host = new ProcessBuilder(command).inheritIO().start();
    Thread passOn = new Thread(() -> stop(host), "hotswap-launcher-stop");
    Runtime.getRuntime().addShutdownHook(passOn);
    try {
      return host.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(passOn);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs: it waits for the host
      }
    }
  }

  private static void stop(Process host) {
    if (!host.isAlive()) {
      return;
    }
    host.destroy(); // TERM: the host drains and stops
    try {
      if (!host.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
        host.destroyForcibly();
      }
    } catch (InterruptedException e) {
      host.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaOfThisJvm() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
