package io.hotswap.cluster;

import java.time.Duration;

/**
 * What one node did in a cluster-wide reload ({@link RollOutcome}).
 *
 * @param nodeId the cluster node id
 * @param name the node's hotswap instance name
 * @param step where the node ended
 * @param generation the generation the node's last step created (0 when none)
 * @param fromSnapshot the short snapshot id the node ran when the roll began ("" if none)
 * @param toSnapshot the short snapshot id the node runs at the end ("" if unknown)
 * @param duration how long the node's reload took (zero when it did not reload)
 * @param message why, when the step is not a success; otherwise a short description
 *     <p>Immutable and thread-safe.
 */
public record NodeOutcome(
    String nodeId,
    String name,
    Step step,
    long generation,
    String fromSnapshot,
    String toSnapshot,
    Duration duration,
    String message) {

  /** Where a node ended in a roll. */
  public enum Step {
    /** It runs the new snapshot. */
    ACTIVATED,
    /** It already ran the new snapshot; nothing was reloaded. */
    UNCHANGED,
    /** Loading, starting or checking the new snapshot failed; it kept its generation. */
    FAILED,
    /** It refused the snapshot or command (authentication, a roll already running). */
    REFUSED,
    /** It had moved and went back to its previous snapshot when the roll stopped. */
    ROLLED_BACK,
    /** It had moved, and going back failed: it still runs the new snapshot. */
    ROLLBACK_FAILED,
    /** Two-phase: it loaded and checked the new snapshot, which was discarded. */
    ABORTED,
    /** The roll stopped before it reached this node, which kept its generation. */
    NOT_REACHED,
    /** It left the cluster (or stopped answering) during the roll. */
    LEFT
  }

  /** One line: {@code node-b (3f2a…): ACTIVATED gen-4 in 85 ms}. */
  public String describe() {
    return name
        + " ("
        + (nodeId.length() > 8 ? nodeId.substring(0, 8) : nodeId)
        + "): "
        + step
        + (generation > 0 ? " gen-" + generation : "")
        + (duration.isZero() ? "" : " in " + duration.toMillis() + " ms")
        + (message.isEmpty() ? "" : " — " + message);
  }
}
