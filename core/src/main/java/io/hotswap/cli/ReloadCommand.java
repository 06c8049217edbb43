package io.hotswap.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotswap reload}: reloads a running instance and waits for the outcome. Exit 0 when the new
 * generation serves (or nothing changed), 1 when it failed or was refused; the active generation
 * keeps serving either way.
 */
@Command(name = "reload", description = "Reload a running instance and wait for the outcome.")
final class ReloadCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin InstanceOption instance;

  @Option(names = "--json", description = "Print the outcome as JSON.")
  boolean json;

  @Option(
      names = "--to",
      paramLabel = "<generation|snapshot>",
      description =
          "Reload a snapshot kept in memory (e.g. gen-3 or a snapshot id) instead of the code source.")
  String target;

  @Override
  public Integer call() {
    try (InstanceLocator.Found found = InstanceLocator.locate(instance.name())) {
      JsonObject outcome =
          new JsonObject(
              target == null ? found.bean().reloadJson() : found.bean().reloadToJson(target));
      String status = outcome.getString("status");
      spec.commandLine()
          .getOut()
          .println(
              json
                  ? outcome.encodePrettily()
                  : found.name() + ": " + outcome.getString("description"));
      return status.equals("ACTIVATED") || status.equals("UNCHANGED") ? 0 : 1;
    }
  }
}
