package io.hotswap.cluster.internal;

import io.hotswap.cluster.NodeOutcome;
import io.hotswap.cluster.RollOptions;
import io.hotswap.cluster.RollOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * One cluster-wide reload in progress: its id, the snapshot being rolled out, the options, the
 * participants in roll order and the membership watch. The roll modes drive it; it turns into the
 * {@link RollOutcome}.
 *
 * <p>Not thread-safe: used on the context of the node running the roll.
 */
final class Roll {
  final String id;
  final String snapshot;
  final RollOptions options;
  final List<Participant> participants;
  final MembershipWatch watch;
  final NodeClient client;
  private final long began;

  Roll(
      String id,
      String snapshot,
      RollOptions options,
      List<Participant> participants,
      MembershipWatch watch,
      NodeClient client,
      long began) {
    this.id = id;
    this.snapshot = snapshot;
    this.options = options;
    this.participants = List.copyOf(participants);
    this.watch = watch;
    this.client = client;
    this.began = began;
  }

  /** Sends a reload step ({@code activate}, {@code prepare}, ...) to {@code node}. */
  Future<JsonObject> step(Participant node, String op, JsonObject fields) {
    return client.step(node.nodeId, op, fields.put("roll", id), watch);
  }

  /** Sends a short command ({@code describe}) to {@code node}. */
  Future<JsonObject> command(Participant node, String op) {
    return client.command(node.nodeId, op, new JsonObject().put("roll", id), watch);
  }

  /** How a failed step counts: refused, left the cluster, or failed. */
  NodeOutcome.Step classify(Participant node, Throwable failure) {
    if (failure instanceof CommandRefusedException) {
      return NodeOutcome.Step.REFUSED;
    }
    // No handler any more: the node is stopping (it unregisters before it leaves the cluster).
    if (failure instanceof NotInGroupException
        || (failure instanceof NodeLeftException && !watch.isMember(node.nodeId))) {
      return NodeOutcome.Step.LEFT;
    }
    return NodeOutcome.Step.FAILED;
  }

  /**
   * Whether a failure is a definite answer from the node (it refused, or answered with an error):
   * then it did not cut over. Anything else (no answer) leaves the node's state unknown.
   */
  static boolean definite(Throwable failure) {
    return failure instanceof CommandRefusedException || failure instanceof NodeFailureException;
  }

  /** Whether a step's answer says the node runs (or holds) exactly this roll's snapshot. */
  boolean onRollSnapshot(JsonObject answer) {
    return snapshot.equals(answer.getString("snapshotId"));
  }

  /** Marks nodes that are no longer members as LEFT, whatever they did before. */
  void markDeparted() {
    for (Participant node : participants) {
      if (node.step != NodeOutcome.Step.LEFT && !watch.isMember(node.nodeId)) {
        node.message =
            "left the cluster"
                + (node.step == NodeOutcome.Step.NOT_REACHED ? "" : " after " + node.step);
        node.step = NodeOutcome.Step.LEFT;
      }
    }
  }

  /** Whether any node left the cluster. */
  boolean anyLeft() {
    return participants.stream().anyMatch(node -> node.step == NodeOutcome.Step.LEFT);
  }

  /** {@code 3 reloaded, 0 already on it[, 1 left the cluster]}, with {@code moved} as the verb. */
  String summary(String moved) {
    long activated = count(NodeOutcome.Step.ACTIVATED);
    long left = count(NodeOutcome.Step.LEFT);
    return activated
        + " "
        + moved
        + ", "
        + count(NodeOutcome.Step.UNCHANGED)
        + " already on it"
        + (left == 0 ? "" : ", " + left + " left the cluster");
  }

  private long count(NodeOutcome.Step step) {
    return participants.stream().filter(node -> node.step == step).count();
  }

  RollOutcome outcome(RollOutcome.Status status, String reason) {
    return new RollOutcome(
        id,
        status,
        options.mode(),
        snapshot,
        reason,
        Duration.ofNanos(System.nanoTime() - began),
        participants.stream().map(Participant::outcome).toList());
  }

  static RollOutcome refused(String id, RollOptions options, String reason, long began) {
    return new RollOutcome(
        id,
        RollOutcome.Status.REFUSED,
        options.mode(),
        "",
        reason,
        Duration.ofNanos(System.nanoTime() - began),
        List.of());
  }
}
