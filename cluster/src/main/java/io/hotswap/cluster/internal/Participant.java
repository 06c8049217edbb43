package io.hotswap.cluster.internal;

import io.hotswap.cluster.NodeOutcome;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One node of a roll as the node running the roll sees it: what it ran when the roll began and
 * where it is now. Becomes a {@link NodeOutcome} at the end.
 *
 * <p>Not thread-safe: touched by one future chain of the roll at a time (the futures' completion
 * orders the accesses).
 */
final class Participant {
  final String nodeId;
  final String name;
  final String fromSnapshot;
  NodeOutcome.Step step = NodeOutcome.Step.NOT_REACHED;
  long generation;
  String toSnapshot;
  Duration duration = Duration.ZERO;
  String message = "";
  boolean prepared;

  /**
   * Set once a step that may cut the node over was sent, cleared only by a definite answer: a node
   * whose answer was lost may serve the new snapshot, and a stopping roll must check it.
   */
  boolean mayServeNew;

  Participant(JsonObject described) {
    this.nodeId = java.util.Objects.requireNonNull(described.getString("nodeId"), "nodeId");
    this.name = described.getString("name", nodeId);
    this.fromSnapshot = described.getString("snapshotId", "");
    this.toSnapshot = fromSnapshot;
  }

  /** Whether the node serves the new snapshot now (so it must go back if the roll stops). */
  boolean moved() {
    return step == NodeOutcome.Step.ACTIVATED;
  }

  /**
   * Records a step's reply (a reload outcome in its status JSON form, {@code
   * StatusJson#of(ReloadOutcome)}) and its duration.
   */
  void reloaded(NodeOutcome.Step step, JsonObject outcome, long startedNanos) {
    this.step = step;
    this.generation = outcome.getLong("generation", 0L);
    this.duration = Duration.ofNanos(System.nanoTime() - startedNanos);
    this.message = java.util.Objects.requireNonNullElse(outcome.getString("failure"), "");
  }

  void failed(NodeOutcome.Step step, String message) {
    this.step = step;
    this.message = message;
  }

  NodeOutcome outcome() {
    return new NodeOutcome(
        nodeId, name, step, generation, fromSnapshot, toSnapshot, duration, message);
  }
}
