package io.hotswap;

/**
 * The lifecycle of a generation: {@code LOADING → STARTING → CHECKING → ACTIVE → DRAINING → RETIRED
 * → COLLECTED | LEAKED}, or {@code FAILED} from any state before {@code ACTIVE} (a failed
 * generation never took traffic).
 */
public enum GenerationState {
  /** Snapshot taken; classloader built; classes defined, linked and scanned for entry points. */
  LOADING,
  /** Entry verticles deploying; their bindings are not visible yet. */
  STARTING,
  /** Started; checks run before cutover. */
  CHECKING,
  /** The binding table points at this generation: it takes all new traffic. */
  ACTIVE,
  /** Replaced; finishing its in-flight requests and messages, bounded by the drain timeout. */
  DRAINING,
  /** Undeployed, its resources closed and every host reference to it dropped. */
  RETIRED,
  /** Its classloader was garbage collected. */
  COLLECTED,
  /** Its classloader was still reachable after the leak timeout. */
  LEAKED,
  /** Never took traffic: loading, starting or checking failed. */
  FAILED;

  /** Whether the generation is past its working life (retired, collected, leaked or failed). */
  public boolean isFinished() {
    return this == RETIRED || this == COLLECTED || this == LEAKED || this == FAILED;
  }
}
