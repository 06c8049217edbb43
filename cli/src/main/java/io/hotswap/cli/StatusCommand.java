package io.hotswap.cli;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotswap status}: generations, endpoints and recent reloads of a running instance; with
 * {@code --cluster}, what every node of its roll group runs. Exit 1 when the instance cannot answer
 * for the cluster (it is not a cluster node).
 */
@Command(name = "status", description = "Show generations, endpoints and recent reloads.")
final class StatusCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin InstanceOption instance;

  @Option(names = "--json", description = "Print stable JSON instead of tables.")
  boolean json;

  @Option(
      names = "--cluster",
      description = "Show every node of the instance's roll group (the instance is a node).")
  boolean cluster;

  @Override
  public Integer call() {
    try (InstanceLocator.Found found = InstanceLocator.locate(instance.name())) {
      JsonObject status =
          new JsonObject(cluster ? clusterStatus(found) : found.bean().statusJson());
      if (status.containsKey("error")) {
        spec.commandLine()
            .getErr()
            .println("hotswap: " + found.name() + ": " + status.getString("error"));
        return 1;
      }
      String table = cluster ? ClusterStatusTable.render(status) : StatusTable.render(status);
      spec.commandLine()
          .getOut()
          .print(json ? status.encodePrettily() + System.lineSeparator() : table);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  private static String clusterStatus(InstanceLocator.Found found) {
    return found
        .clusterBean()
        .map(bean -> bean.clusterStatusJson())
        .orElseGet(
            () ->
                new JsonObject()
                    .put("error", found.name() + " is not a cluster node (no cluster options)")
                    .encode());
  }
}
