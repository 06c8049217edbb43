package io.hotswap.cluster.internal;

import io.hotswap.cluster.ClusterStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the nodes of the roll group: asks every member of the Vert.x cluster to {@code describe}
 * itself. Members without a hotswap node of this group (another group, not hotswap, still starting)
 * stay silent and are listed as such; a node that refuses this node's key is listed as refusing.
 *
 * <p>Thread-safe.
 */
final class ClusterDirectory {
  private final Vertx vertx;
  private final ClusterManager clusterManager;
  private final NodeClient client;
  private final String group;

  ClusterDirectory(Vertx vertx, ClusterManager clusterManager, NodeClient client, String group) {
    this.vertx = vertx;
    this.clusterManager = clusterManager;
    this.client = client;
    this.group = group;
  }

  /**
   * What {@link #describeAll} found: the nodes of the group, members with no node of this group
   * ({@code silent}), nodes that refused this node's key, and members that did not answer in time
   * (busy or hung: a roll must not go on without knowing what they run).
   */
  record Found(
      List<JsonObject> nodes,
      Map<String, String> silent,
      Map<String, String> refused,
      Map<String, String> unanswered) {}

  /** A membership watch for one roll. */
  MembershipWatch watch() {
    return new MembershipWatch(vertx, clusterManager);
  }

  /** Asks every member at once; completes when all answered or failed. */
  Future<Found> describeAll(MembershipWatch watch) {
    List<String> members = clusterManager.getNodes();
    Map<String, Future<JsonObject>> asked = new LinkedHashMap<>();
    for (String member : members) {
      asked.put(member, client.command(member, "describe", new JsonObject(), watch));
    }
    return Future.join(List.copyOf(asked.values()))
        .transform(
            all -> {
              List<JsonObject> nodes = new ArrayList<>();
              Map<String, String> silent = new HashMap<>();
              Map<String, String> refused = new HashMap<>();
              Map<String, String> unanswered = new HashMap<>();
              asked.forEach(
                  (member, answer) -> {
                    if (answer.succeeded()) {
                      nodes.add(answer.result());
                    } else if (answer.cause() instanceof CommandRefusedException) {
                      refused.put(member, answer.cause().getMessage());
                    } else if (answer.cause() instanceof NotInGroupException) {
                      silent.put(member, answer.cause().getMessage());
                    } else {
                      unanswered.put(member, String.valueOf(answer.cause().getMessage()));
                    }
                  });
              return Future.succeededFuture(new Found(nodes, silent, refused, unanswered));
            });
  }

  /** The status of every node of the group, this node first. */
  Future<ClusterStatus> status() {
    MembershipWatch watch = watch();
    return describeAll(watch)
        .map(
            found -> {
              watch.close();
              List<ClusterStatus.Node> nodes = new ArrayList<>();
              for (JsonObject node : found.nodes()) {
                nodes.add(node(node));
              }
              nodes.sort(
                  java.util.Comparator.comparing((ClusterStatus.Node node) -> !node.self())
                      .thenComparing(ClusterStatus.Node::name));
              Map<String, String> silent = new HashMap<>(found.silent());
              silent.putAll(found.refused());
              silent.putAll(found.unanswered());
              return new ClusterStatus(group, nodes, silent);
            });
  }

  private ClusterStatus.Node node(JsonObject described) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    JsonObject httpPorts = described.getJsonObject("httpPorts", new JsonObject());
    for (String name : httpPorts.fieldNames()) {
      ports.put(name, httpPorts.getInteger(name));
    }
    String nodeId = described.getString("nodeId");
    return new ClusterStatus.Node(
        nodeId,
        described.getString("name"),
        nodeId.equals(client.self()),
        described.getLong("generation", 0L),
        described.getString("snapshotId", ""),
        described.getString("state", "NONE"),
        ports,
        described.getString("lastRoll", ""),
        described.getString("lastRefusal", ""));
  }
}
