package io.hotswap.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * How one cluster-wide reload runs.
 *
 * @param mode {@link Mode#ROLLING}: one node after the other, the next only once the previous is
 *     ACTIVE and healthy; {@link Mode#TWO_PHASE}: every node loads and checks, then all cut over
 *     together
 * @param settle after a node cut over, how long to watch it (its auto-rollback, its state) before
 *     the next node starts; zero to go on at once
 * @param onNodeLoss what a node that leaves the cluster mid-roll does to the roll
 *     <p>Immutable and thread-safe.
 */
public record RollOptions(Mode mode, Duration settle, NodeLossPolicy onNodeLoss) {

  /** A rolling reload, no settle time, continuing without a node that leaves. */
  public static final RollOptions DEFAULTS =
      new RollOptions(Mode.ROLLING, Duration.ZERO, NodeLossPolicy.CONTINUE);

  /** Validates. */
  public RollOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(onNodeLoss, "onNodeLoss");
    if (settle == null || settle.isNegative()) {
      throw new IllegalArgumentException("settle must be zero or positive: " + settle);
    }
  }

  /** The same options in {@code mode}. */
  public RollOptions withMode(Mode mode) {
    return new RollOptions(mode, settle, onNodeLoss);
  }

  /** How nodes move to the new snapshot. */
  public enum Mode {
    /** One node at a time: capacity never drops by more than one node's reload. */
    ROLLING,
    /** All nodes load and check first, then cut over together: never two versions for long. */
    TWO_PHASE
  }

  /**
   * What happens when a node leaves the cluster (killed, partitioned, stopped) during a roll. The
   * node that left is reported as {@link NodeOutcome.Step#LEFT} either way; the survivors always
   * end on one version.
   */
  public enum NodeLossPolicy {
    /** The roll goes on with the nodes still there: the survivors end on the new version. */
    CONTINUE,
    /** The roll stops and the survivors that moved roll back: they end on the old version. */
    ABORT
  }
}
