package io.hotswap.cluster;

import java.time.Duration;
import java.util.List;

/**
 * The result of a cluster-wide reload: what the roll did as a whole and what every node did.
 *
 * @param rollId a unique id for this roll, in every node's log lines about it
 * @param status how the roll ended
 * @param mode rolling or two-phase
 * @param snapshotId the short id of the snapshot that was rolled out ("" if none was taken)
 * @param reason why the roll stopped or was refused; a summary when it completed
 * @param duration from the request to the last node's answer
 * @param nodes every node of the roll group, in roll order
 *     <p>Immutable and thread-safe.
 */
public record RollOutcome(
    String rollId,
    Status status,
    RollOptions.Mode mode,
    String snapshotId,
    String reason,
    Duration duration,
    List<NodeOutcome> nodes) {

  /** Copies the node list. */
  public RollOutcome {
    nodes = List.copyOf(nodes);
  }

  /** How a roll ended. */
  public enum Status {
    /** Every node still in the cluster runs the new snapshot. */
    COMPLETED,
    /** A node failed; the nodes that had moved rolled back: every node runs its old snapshot. */
    ROLLED_BACK,
    /** Two-phase: a node failed before the cutover; no node ever served the new snapshot. */
    ABORTED,
    /** Nothing was done: not clustered, another roll running, no snapshot, a refusal. */
    REFUSED
  }

  /** Whether every node still in the cluster ends on the new snapshot. */
  public boolean completed() {
    return status == Status.COMPLETED;
  }

  /** A multi-line description: the roll, then one line per node. */
  public String describe() {
    StringBuilder text =
        new StringBuilder()
            .append("roll ")
            .append(rollId)
            .append(' ')
            .append(status)
            .append(" (")
            .append(mode == RollOptions.Mode.TWO_PHASE ? "two-phase" : "rolling")
            .append(snapshotId.isEmpty() ? "" : ", snapshot " + snapshotId)
            .append(") in ")
            .append(duration.toMillis())
            .append(" ms")
            .append(reason.isEmpty() ? "" : ": " + reason);
    for (NodeOutcome node : nodes) {
      text.append(System.lineSeparator()).append("  ").append(node.describe());
    }
    return text.toString();
  }
}
