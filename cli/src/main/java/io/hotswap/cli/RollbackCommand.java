package io.hotswap.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotswap rollback}: brings back the generation that was active before the current one, from
 * its snapshot in memory, through the usual lifecycle. Exit 0 when it serves, 1 otherwise.
 */
@Command(name = "rollback", description = "Go back to the previously active generation.")
final class RollbackCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin InstanceOption instance;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (InstanceLocator.Found found = InstanceLocator.locate(instance.name())) {
      JsonObject outcome = new JsonObject(found.bean().rollbackJson());
      spec.commandLine()
          .getOut()
          .println(
              json
                  ? outcome.encodePrettily()
                  : found.name() + ": " + outcome.getString("description"));
      return outcome.getString("status").equals("ACTIVATED") ? 0 : 1;
    }
  }
}
