package io.hotswap.cluster;

import io.hotswap.HotSwap;
import io.hotswap.cluster.internal.ClusterManagement;
import io.hotswap.cluster.internal.ClusterNode;
import io.hotswap.internal.spi.HotSwapInternal;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a started {@link HotSwap} instance a node of a roll group of a Vert.x cluster: other nodes
 * of the group can ship it snapshots and roll reloads across it, and {@link #reloadCluster} and
 * {@link #status} work from it. The instance's {@code Vertx} must be clustered (for example by
 * {@link ClusterHost#start}). With the instance's JMX option on, the node registers {@link
 * HotSwapClusterMXBean}; it leaves the group when the instance closes (or on {@link #leave}).
 *
 * <pre>{@code
 * Vertx vertx = ClusterHost.start(clusterOptions).await();
 * HotSwap hotSwap = HotSwap.create(vertx, options);
 * hotSwap.start().await();
 * HotSwapCluster node = HotSwapCluster.join(hotSwap, clusterOptions).await();
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class HotSwapCluster {
  private static final Logger LOG = LoggerFactory.getLogger(HotSwapCluster.class);

  private final String name;
  private final ClusterNode node;
  private final AtomicBoolean left = new AtomicBoolean();
  private volatile ClusterManagement management;

  private HotSwapCluster(String name, ClusterNode node) {
    this.name = name;
    this.node = node;
  }

  /**
   * Joins the roll group of {@code options} with the started instance {@code hotSwap}.
   *
   * @return a future failed when the instance's {@code Vertx} is not clustered, the instance was
   *     not started, or the node's address cannot be registered
   */
  public static Future<HotSwapCluster> join(HotSwap hotSwap, ClusterOptions options) {
    HotSwapInternal instance;
    try {
      instance = HotSwapInternal.of(hotSwap);
      instance.localNode();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    String name = hotSwap.options().applicationName();
    return ClusterNode.start(instance.vertx(), options, instance.localNode())
        .map(
            node -> {
              HotSwapCluster cluster = new HotSwapCluster(name, node);
              instance.onClose(cluster::leave);
              if (hotSwap.options().jmx()) {
                try {
                  cluster.management = ClusterManagement.register(name, cluster);
                } catch (RuntimeException e) {
                  LOG.error("{}: no cluster JMX management: {}", name, e.getMessage());
                }
              }
              return cluster;
            });
  }

  /**
   * The outcome of a roll asked of instance {@code name} that is not a cluster node: {@link
   * RollOutcome.Status#REFUSED}, what the command line prints for {@code reload --cluster} there.
   */
  public static RollOutcome notAClusterNode(String name, RollOptions options) {
    return ClusterNode.notClustered(name, options);
  }

  /**
   * Rolls the code source of this node out to every node of its roll group: snapshots it, ships it
   * to the other nodes (only the entries each lacks, authenticated with the cluster key and
   * verified by hash), then reloads the nodes one at a time ({@link RollOptions.Mode#ROLLING}) or
   * loads and checks them all before one cutover ({@link RollOptions.Mode#TWO_PHASE}). A node that
   * fails stops the roll and the nodes that moved roll back. The future never fails: a refused or
   * failed roll is an outcome with every node's step.
   */
  public Future<RollOutcome> reloadCluster(RollOptions options) {
    return node.roll(options);
  }

  /** Asks every node of the roll group what it runs now. */
  public Future<ClusterStatus> status() {
    return node.status();
  }

  /** Leaves the roll group (once; later calls succeed at once) and unregisters the MXBean. */
  public Future<Void> leave() {
    if (!left.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    ClusterManagement managed = management;
    if (managed != null) {
      managed.close();
    }
    LOG.info("{}: leaving the roll group", name);
    return node.stop();
  }
}
