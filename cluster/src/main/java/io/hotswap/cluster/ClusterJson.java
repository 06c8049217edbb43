package io.hotswap.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stable JSON forms of a roll outcome and of a cluster status: what {@code bin/hotswap reload
 * --cluster --json} and {@code status --cluster --json} print. Durations are in milliseconds; enums
 * by name; field names only ever get added.
 *
 * <p>Stateless; thread-safe.
 */
public final class ClusterJson {
  private ClusterJson() {}

  /** The JSON form of {@code outcome}, with every node in roll order. */
  public static JsonObject of(RollOutcome outcome) {
    JsonArray nodes = new JsonArray();
    for (NodeOutcome node : outcome.nodes()) {
      nodes.add(of(node));
    }
    return new JsonObject()
        .put("rollId", outcome.rollId())
        .put("status", outcome.status().name())
        .put("mode", outcome.mode().name())
        .put("snapshotId", outcome.snapshotId())
        .put("reason", outcome.reason())
        .put("durationMillis", outcome.duration().toMillis())
        .put("nodes", nodes)
        .put("description", outcome.describe());
  }

  /** The JSON form of one node's part in a roll. */
  public static JsonObject of(NodeOutcome node) {
    return new JsonObject()
        .put("nodeId", node.nodeId())
        .put("name", node.name())
        .put("step", node.step().name())
        .put("generation", node.generation())
        .put("fromSnapshot", node.fromSnapshot())
        .put("toSnapshot", node.toSnapshot())
        .put("durationMillis", node.duration().toMillis())
        .put("message", node.message())
        .put("description", node.describe());
  }

  /** The JSON form of {@code status}: the nodes that answered, then the members that did not. */
  public static JsonObject of(ClusterStatus status) {
    JsonArray nodes = new JsonArray();
    for (ClusterStatus.Node node : status.nodes()) {
      nodes.add(
          new JsonObject()
              .put("nodeId", node.nodeId())
              .put("name", node.name())
              .put("self", node.self())
              .put("activeGeneration", node.activeGeneration())
              .put("snapshotId", node.snapshotId())
              .put("state", node.state())
              .put("httpPorts", sorted(node.httpPorts()))
              .put("lastRoll", node.lastRoll())
              .put("lastRefusal", node.lastRefusal()));
    }
    return new JsonObject()
        .put("group", status.group())
        .put("nodes", nodes)
        .put("silent", sorted(status.silent()));
  }

  /** A JSON object with the entries of {@code map} in key order, so output is stable. */
  private static JsonObject sorted(Map<String, ?> map) {
    JsonObject json = new JsonObject();
    new TreeMap<>(map).forEach(json::put);
    return json;
  }
}
