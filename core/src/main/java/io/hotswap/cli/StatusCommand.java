package io.hotswap.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hotswap status}: generations, endpoints and recent reloads of a running instance. */
@Command(name = "status", description = "Show generations, endpoints and recent reloads.")
final class StatusCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin InstanceOption instance;

  @Option(names = "--json", description = "Print stable JSON instead of tables.")
  boolean json;

  @Override
  public Integer call() {
    try (InstanceLocator.Found found = InstanceLocator.locate(instance.name())) {
      JsonObject status = new JsonObject(found.bean().statusJson());
      spec.commandLine()
          .getOut()
          .print(
              json ? status.encodePrettily() + System.lineSeparator() : StatusTable.render(status));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
