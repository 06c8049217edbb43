package io.hotswap.cli;

import io.hotswap.HotSwapOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VertxOptions;
import picocli.CommandLine.Option;

/**
 * The options of {@code hotswap run} that the Vert.x launcher has too, with its names and
 * precedence: {@code --conf}, {@code --instances}, {@code --worker}, {@code --virtual-thread} and
 * {@code --deployment-options} for the main verticle, {@code --options} for the host's Vert.x.
 *
 * <p>Not thread-safe; filled by picocli, read once.
 */
final class LauncherArgs {
  @Option(
      names = {"--conf", "-conf"},
      paramLabel = "<file|json>",
      description =
          "The main verticle's config(): a JSON file (read again for every generation; with"
              + " --watch a change of it reloads) or a JSON object.")
  String conf;

  @Option(
      names = {"--instances", "-instances"},
      paramLabel = "<n>",
      description = "Instances of the main verticle (default 1, or --deployment-options').")
  Integer instances;

  @Option(
      names = {"--worker", "-worker", "-w"},
      description = "Deploy the main verticle with the worker threading model.")
  boolean worker;

  @Option(
      names = {"--virtual-thread", "-virtual-thread", "-vt", "--virtual-threads"},
      description =
          "Deploy the main verticle with the virtual-thread threading model (JDK 21 or later).")
  boolean virtualThread;

  @Option(
      names = {"--deployment-options", "-deployment-options"},
      paramLabel = "<file|json>",
      description = "The main verticle's DeploymentOptions: a JSON file or a JSON object.")
  String deploymentOptions;

  @Option(
      names = {"--options", "-options", "--vertx-options", "-vertx-options"},
      paramLabel = "<file|json>",
      description = "The host's VertxOptions: a JSON file or a JSON object.")
  String vertxOptions;

  /**
   * The main verticle's deployment, with the Vert.x launcher's precedence: {@code
   * --deployment-options}, then {@code --worker} / {@code --virtual-thread} and {@code --instances}
   * over it, then {@code --conf} as its config.
   */
  void applyTo(String main, HotSwapOptions.Builder options) {
    boolean asked =
        conf != null || instances != null || worker || virtualThread || deploymentOptions != null;
    if (!asked) {
      return;
    }
    if (main == null) {
      throw new HotSwapCli.UsageProblem(
          "--conf, --instances, --worker, --virtual-thread and --deployment-options apply to the"
              + " main verticle: give --main-verticle or a jar whose manifest has Main-Verticle"
              + " (--lanes sets the event loops of @GenerationEntry code)");
    }
    if (worker && virtualThread) {
      throw new HotSwapCli.UsageProblem("--worker and --virtual-thread exclude each other");
    }
    if (virtualThread && Runtime.version().feature() < 21) {
      throw new HotSwapCli.UsageProblem(
          "--virtual-thread needs JDK 21 or later at run time; this JVM is " + Runtime.version());
    }
    DeploymentOptions deployment =
        deploymentOptions == null
            ? new DeploymentOptions()
            : new DeploymentOptions(
                JsonArgument.parse("--deployment-options", deploymentOptions).json());
    if (worker) {
      deployment.setThreadingModel(ThreadingModel.WORKER);
    } else if (virtualThread) {
      deployment.setThreadingModel(ThreadingModel.VIRTUAL_THREAD);
    }
    if (instances != null) {
      if (instances < 1) {
        throw new HotSwapCli.UsageProblem("--instances takes 1 or more, not " + instances);
      }
      deployment.setInstances(instances);
    }
    options.mainDeploymentOptions(deployment);
    if (conf != null) {
      JsonArgument config = JsonArgument.parse("--conf", conf);
      if (config.file() != null) {
        options.mainConfigFile(config.file());
      } else {
        options.mainConfig(config.json());
      }
    }
  }

  /** The host's Vert.x options: {@code --options}, or the defaults. */
  VertxOptions vertxOptions() {
    return vertxOptions == null
        ? new VertxOptions()
        : new VertxOptions(JsonArgument.parse("--options", vertxOptions).json());
  }
}
