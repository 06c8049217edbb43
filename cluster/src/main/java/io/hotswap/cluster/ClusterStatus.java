package io.hotswap.cluster;

import java.util.List;
import java.util.Map;

/**
 * What every node of a roll group runs now, as answered by the nodes themselves.
 *
 * @param group the roll group
 * @param nodes the nodes that answered, the asking node first
 * @param silent cluster node ids that are members of the cluster but did not answer (another roll
 *     group, or not responding), with the reason
 *     <p>Immutable and thread-safe.
 */
public record ClusterStatus(String group, List<Node> nodes, Map<String, String> silent) {

  /** Copies. */
  public ClusterStatus {
    nodes = List.copyOf(nodes);
    silent = Map.copyOf(silent);
  }

  /**
   * One node's state.
   *
   * @param nodeId the cluster node id
   * @param name the hotswap instance name
   * @param self whether this is the node that answered the status request
   * @param activeGeneration the active generation, 0 when none
   * @param snapshotId the short snapshot id of the active generation ("" when none)
   * @param state the active generation's state, or {@code NONE}
   * @param httpPorts the node's HTTP endpoints and their ports
   * @param lastRoll the last roll step this node took part in, one line ("" when none)
   * @param lastRefusal the last shipped snapshot or command this node refused, and why ("" when
   *     none)
   *     <p>Immutable and thread-safe.
   */
  public record Node(
      String nodeId,
      String name,
      boolean self,
      long activeGeneration,
      String snapshotId,
      String state,
      Map<String, Integer> httpPorts,
      String lastRoll,
      String lastRefusal) {

    /** Copies. */
    public Node {
      httpPorts = Map.copyOf(httpPorts);
    }
  }
}
