package io.hotswap.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --name} option shared by the commands that drive a running instance. */
final class InstanceOption {
  @Option(
      names = "--name",
      paramLabel = "<name>",
      description = "Instance to talk to; optional when exactly one is running.")
  String name;

  Optional<String> name() {
    return Optional.ofNullable(name);
  }
}
