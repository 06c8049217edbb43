package io.hotswap.cluster.internal;

import io.hotswap.cluster.ClusterOptions;
import io.hotswap.cluster.ClusterStatus;
import io.hotswap.cluster.RollOptions;
import io.hotswap.cluster.RollOutcome;
import io.hotswap.internal.spi.LocalNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a hotswap instance a node of its roll group: registers the {@link NodeAgent} on this node's
 * address and runs the rolls and status requests asked of this node.
 *
 * <p>Lifecycle: {@link #start} once the instance serves; {@link #stop} before it closes.
 * Thread-safe.
 */
public final class ClusterNode {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private final NodeAgent agent;
  private final RollCoordinator coordinator;
  private final ClusterDirectory directory;

  private ClusterNode(NodeAgent agent, RollCoordinator coordinator, ClusterDirectory directory) {
    this.agent = agent;
    this.coordinator = coordinator;
    this.directory = directory;
  }

  /**
   * Joins the roll group of {@code options} on the clustered {@code vertx}.
   *
   * @return a future failed when {@code vertx} is not clustered or the address cannot be registered
   */
  public static Future<ClusterNode> start(Vertx vertx, ClusterOptions options, LocalNode local) {
    if (!vertx.isClustered()) {
      return Future.failedFuture(
          new IllegalStateException(
              local.name()
                  + ": cluster options are set but the Vert.x instance is not clustered (start"
                  + " it with ClusterHost.start)"));
    }
    ClusterManager clusterManager = ((VertxInternal) vertx).clusterManager();
    String nodeId = clusterManager.getNodeId();
    Authenticator authenticator =
        new Authenticator(options.key(), options.group(), Clock.systemUTC());
    NodeClient client =
        new NodeClient(
            vertx,
            nodeId,
            options.group(),
            authenticator,
            options.commandTimeout(),
            options.stepTimeout());
    EntryDigests digests = new EntryDigests();
    NodeAgent agent =
        new NodeAgent(
            vertx,
            nodeId,
            authenticator,
            local,
            digests,
            // A held candidate waits for the slowest node's prepare, then for the commit.
            options.stepTimeout().plus(options.commandTimeout()));
    ClusterDirectory directory =
        new ClusterDirectory(vertx, clusterManager, client, options.group());
    RollCoordinator coordinator =
        new RollCoordinator(vertx, local, client, directory, options, digests);
    return agent
        .start(NodeClient.address(options.group(), nodeId))
        .map(
            registered -> {
              LOG.info(
                  "{}: node {} of roll group '{}' ({} cluster members)",
                  local.name(),
                  nodeId,
                  options.group(),
                  clusterManager.getNodes().size());
              return new ClusterNode(agent, coordinator, directory);
            });
  }

  /** The outcome of a roll asked of instance {@code name}, which is not a cluster node. */
  public static RollOutcome notClustered(String name, RollOptions options) {
    return Roll.refused(
        "none", options, name + " is not a cluster node (no cluster options)", System.nanoTime());
  }

  /** Rolls this node's code source out to the group; never fails. */
  public Future<RollOutcome> roll(RollOptions options) {
    return coordinator.roll(options);
  }

  /** What every node of the group runs now. */
  public Future<ClusterStatus> status() {
    return directory.status();
  }

  /** Leaves the roll group: this node's address is unregistered cluster-wide. */
  public Future<Void> stop() {
    return agent.stop();
  }
}
