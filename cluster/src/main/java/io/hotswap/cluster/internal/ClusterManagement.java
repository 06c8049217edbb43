package io.hotswap.cluster.internal;

import io.hotswap.cluster.ClusterJson;
import io.hotswap.cluster.HotSwapCluster;
import io.hotswap.cluster.HotSwapClusterMXBean;
import io.hotswap.cluster.RollOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HotSwapClusterMXBean} of one node, registered in the platform MBean server only (no
 * remote connector). Thread-safe: operations delegate to the thread-safe {@link HotSwapCluster} and
 * wait for its futures with a bound, on the JMX caller's thread.
 */
public final class ClusterManagement implements HotSwapClusterMXBean, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterManagement.class);
  private static final long STATUS_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(5);
  // A roll reloads node after node, each bounded by the step timeout: wait longer than one reload.
  private static final long ROLL_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(30);

  private final String name;
  private final HotSwapCluster cluster;
  private final ObjectName objectName;

  private ClusterManagement(String name, HotSwapCluster cluster) {
    this.name = name;
    this.cluster = cluster;
    this.objectName = HotSwapClusterMXBean.objectName(name);
  }

  /** Registers the MXBean of the node {@code cluster} of instance {@code name}. */
  public static ClusterManagement register(String name, HotSwapCluster cluster) {
    ClusterManagement bean = new ClusterManagement(name, cluster);
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(bean, bean.objectName);
    } catch (JMException e) {
      throw new IllegalStateException(
          "cannot register the MXBean " + bean.objectName + ": " + e.getMessage(), e);
    }
    LOG.info("{}: cluster MXBean registered as {}", name, bean.objectName);
    return bean;
  }

  @Override
  public String reloadClusterJson(String mode, long settleMillis, String onNodeLoss) {
    RollOptions options =
        new RollOptions(
            RollModes.mode(mode), Duration.ofMillis(settleMillis), RollModes.nodeLoss(onNodeLoss));
    LOG.info("{}: cluster reload requested through JMX ({})", name, options);
    try {
      return ClusterJson.of(
              cluster
                  .reloadCluster(options)
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(ROLL_WAIT_MILLIS, TimeUnit.MILLISECONDS))
          .encode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the roll", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the roll did not end: " + e, e);
    }
  }

  @Override
  public String clusterStatusJson() {
    try {
      return ClusterJson.of(
              cluster
                  .status()
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(STATUS_WAIT_MILLIS, TimeUnit.MILLISECONDS))
          .encode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error("interrupted while waiting for the cluster status");
    } catch (ExecutionException e) {
      return error(e.getCause().getMessage());
    } catch (TimeoutException e) {
      return error("no cluster status within " + STATUS_WAIT_MILLIS + " ms");
    }
  }

  private static String error(String message) {
    return new JsonObject().put("error", message).encode();
  }

  /** Unregisters the MXBean. */
  @Override
  public void close() {
    try {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName);
    } catch (JMException e) {
      LOG.debug("{} was not registered", objectName, e);
    }
  }
}
