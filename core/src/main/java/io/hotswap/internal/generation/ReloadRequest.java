package io.hotswap.internal.generation;

import io.hotswap.internal.spi.CutoverGate;

/**
 * What a trigger asked for: a reload from the code source (forced, or only if the code changed), or
 * a reload to a snapshot kept in memory (rollback). Immutable.
 *
 * @param trigger who asked ({@code api}, {@code jmx}, {@code watch}, ...)
 * @param onlyIfChanged skip the reload when the snapshot equals the active generation's
 * @param target {@code null} to read the code source; {@link #PREVIOUS}, a generation ({@code 7} or
 *     {@code gen-7}) or a snapshot id to load that snapshot from memory
 * @param gate holds the checked candidate until its owner decides on the cutover, or {@code null}
 *     to cut over at once; a request with a gate is never coalesced
 */
record ReloadRequest(String trigger, boolean onlyIfChanged, String target, CutoverGate gate) {
  /** The target of a rollback: the generation that was active before the current one. */
  static final String PREVIOUS = "previous";

  ReloadRequest(String trigger, boolean onlyIfChanged) {
    this(trigger, onlyIfChanged, null, null);
  }

  ReloadRequest(String trigger, boolean onlyIfChanged, String target) {
    this(trigger, onlyIfChanged, target, null);
  }

  /** Whether this request may be coalesced with others: not when it carries a gate. */
  boolean mergeable() {
    return gate == null;
  }

  /**
   * Two mergeable requests coalesced into one follow-up: forced if either was; the later target
   * wins, an earlier one stays when the later has none.
   */
  ReloadRequest merge(ReloadRequest other) {
    String triggers = trigger.equals(other.trigger) ? trigger : trigger + "+" + other.trigger;
    return new ReloadRequest(
        triggers,
        onlyIfChanged && other.onlyIfChanged,
        other.target != null ? other.target : target,
        null);
  }
}
