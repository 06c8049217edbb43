package io.hotswap.cluster;

import io.hotswap.management.ObjectNames;
import javax.management.ObjectName;

/**
 * The management interface of one cluster node, registered as {@code
 * io.hotswap:type=HotSwapCluster,name=<name>} beside the instance's {@code HotSwapMXBean} while the
 * instance is a node of a roll group. Results are JSON strings (JMX open types), so any JMX client
 * can use it without hotswap classes.
 *
 * <p>Implementations are thread-safe.
 */
public interface HotSwapClusterMXBean {

  /**
   * The object name of the cluster node of instance {@code name}.
   *
   * @throws IllegalArgumentException when {@code name} cannot be part of an object name
   */
  static ObjectName objectName(String name) {
    return ObjectNames.of("HotSwapCluster", name);
  }

  /**
   * Rolls this node's code source out to every node of its roll group and returns the outcome as
   * JSON (what {@code hotswap reload --cluster --json} prints) when the roll has ended.
   *
   * @param mode {@code rolling} or {@code two-phase}
   * @param settleMillis how long to watch each node after it cut over before the next starts
   * @param onNodeLoss {@code continue} or {@code abort}
   * @throws IllegalArgumentException when {@code mode} or {@code onNodeLoss} is not one of those
   */
  String reloadClusterJson(String mode, long settleMillis, String onNodeLoss);

  /**
   * What every node of the roll group runs, as JSON (what {@code hotswap status --cluster --json}
   * prints); when the status cannot be gathered, {@code {"error": "<why>"}}.
   */
  String clusterStatusJson();
}
