package io.hotswap.cli;

import io.hotswap.cluster.ClusterJson;
import io.hotswap.cluster.HotSwapCluster;
import io.hotswap.cluster.RollOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotswap reload}: reloads a running instance and waits for the outcome. Exit 0 when the new
 * generation serves (or nothing changed), 1 when it failed or was refused; the active generation
 * keeps serving either way. With {@code --cluster} the instance rolls its code source out to every
 * node of its roll group; exit 0 only when the roll completed.
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

  @Option(
      names = "--cluster",
      description =
          "Roll the instance's code source out to every node of its roll group, one node at a time.")
  boolean cluster;

  @Option(
      names = "--two-phase",
      description =
          "With --cluster: every node loads and checks first, then all cut over together.")
  boolean twoPhase;

  @Option(
      names = "--settle",
      paramLabel = "<duration>",
      converter = DurationConverter.class,
      defaultValue = "0s",
      description =
          "With --cluster: watch each node this long after it cut over before the next starts.")
  Duration settle;

  @Option(
      names = "--on-node-loss",
      paramLabel = "continue|abort",
      defaultValue = "continue",
      description =
          "With --cluster: a node that leaves mid-roll is skipped (continue, default) or stops the"
              + " roll and the nodes that moved roll back (abort).")
  String onNodeLoss;

  @Override
  public Integer call() {
    checkOptions();
    try (InstanceLocator.Found found = InstanceLocator.locate(instance.name())) {
      if (cluster) {
        String mode = twoPhase ? "two-phase" : "rolling";
        return printRoll(
            found
                .clusterBean()
                .map(
                    bean ->
                        new JsonObject(bean.reloadClusterJson(mode, settle.toMillis(), onNodeLoss)))
                .orElseGet(() -> notAClusterNode(found.name(), mode)));
      }
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

  /** What a roll asked of an instance that is not a cluster node answers: REFUSED. */
  private JsonObject notAClusterNode(String name, String mode) {
    RollOptions options =
        new RollOptions(
            mode.equals("two-phase") ? RollOptions.Mode.TWO_PHASE : RollOptions.Mode.ROLLING,
            settle,
            onNodeLoss.trim().equalsIgnoreCase("abort")
                ? RollOptions.NodeLossPolicy.ABORT
                : RollOptions.NodeLossPolicy.CONTINUE);
    return ClusterJson.of(HotSwapCluster.notAClusterNode(name, options));
  }

  private int printRoll(JsonObject roll) {
    spec.commandLine()
        .getOut()
        .println(json ? roll.encodePrettily() : roll.getString("description"));
    spec.commandLine().getOut().flush();
    return "COMPLETED".equals(roll.getString("status")) ? 0 : 1;
  }

  private void checkOptions() {
    var parsed = spec.commandLine().getParseResult();
    if (cluster && target != null) {
      throw new HotSwapCli.UsageProblem(
          "--to and --cluster cannot be combined: --to reloads one instance from its memory,"
              + " --cluster rolls the code source out to every node");
    }
    for (String option : new String[] {"--two-phase", "--settle", "--on-node-loss"}) {
      if (!cluster && parsed.hasMatchedOption(option)) {
        throw new HotSwapCli.UsageProblem(option + " needs --cluster");
      }
    }
    if (!onNodeLoss.equals("continue") && !onNodeLoss.equals("abort")) {
      throw new HotSwapCli.UsageProblem(
          "--on-node-loss takes continue or abort, not " + onNodeLoss);
    }
    if (settle.isNegative()) {
      throw new HotSwapCli.UsageProblem("--settle must not be negative: " + settle);
    }
  }
}
