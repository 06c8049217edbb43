package io.hotswap.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotswap stop}: asks a running instance to stop gracefully (drain, retire, close) and waits
 * for its process to end. Exit 0 when it ended within the timeout, 1 otherwise.
 */
@Command(name = "stop", description = "Stop a running instance gracefully and wait for it.")
final class StopCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin InstanceOption instance;

  @Option(
      names = "--timeout",
      paramLabel = "<duration>",
      converter = DurationConverter.class,
      defaultValue = "60s",
      description = "How long to wait for the process to end (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    long pid;
    String name;
    try (InstanceLocator.Found found = InstanceLocator.locate(instance.name())) {
      pid = found.pid();
      name = found.name();
      found.bean().stop();
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      spec.commandLine().getOut().println(name + " (pid " + pid + ") stopped");
      return 0;
    }
    try {
      process.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      spec.commandLine().getOut().println(name + " (pid " + pid + ") stopped");
      return 0;
    } catch (java.util.concurrent.TimeoutException e) {
      spec.commandLine()
          .getErr()
          .println(
              name + " (pid " + pid + ") is still running after " + timeout.toSeconds() + " s");
      return 1;
    }
  }
}
