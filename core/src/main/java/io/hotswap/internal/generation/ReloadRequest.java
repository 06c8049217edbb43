package io.hotswap.internal.generation;

/**
 * What a trigger asked for: a reload, forced or only if the code changed. Immutable.
 *
 * @param trigger who asked ({@code api}, {@code jmx}, {@code watch}, ...)
 * @param onlyIfChanged skip the reload when the snapshot equals the active generation's
 */
record ReloadRequest(String trigger, boolean onlyIfChanged) {

  /** Two requests coalesced into one follow-up: forced if either was. */
  ReloadRequest merge(ReloadRequest other) {
    String triggers = trigger.equals(other.trigger) ? trigger : trigger + "+" + other.trigger;
    return new ReloadRequest(triggers, onlyIfChanged && other.onlyIfChanged);
  }
}
