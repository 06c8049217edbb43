package io.hotswap.cli;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whether the instance should get traffic: ready from the moment a generation is ACTIVE until the
 * instance stops. Fed by {@code HotSwap.addListener}: a cutover makes generation N+1 ACTIVE before
 * N starts DRAINING, so a reload never reads as not ready; a close drains the active generation
 * with no successor, which turns readiness DOWN as the drain begins (a load balancer stops sending
 * while in-flight work finishes). {@link #stop()} latches it DOWN for good.
 *
 * <p>Thread-safe: the listener is called on the supervisor's threads, probes read from event loops.
 */
final class Readiness implements Consumer<GenerationInfo> {
  private GenerationInfo active;
  private boolean heard;
  private boolean stopped;

  /**
   * Starts from {@code current}, what {@code HotSwap.activeGeneration()} said once the listener was
   * added; ignored if a transition came first (it is newer).
   */
  synchronized void seed(Optional<GenerationInfo> current) {
    if (!heard) {
      active = current.orElse(null);
    }
  }

  @Override
  public synchronized void accept(GenerationInfo info) {
    heard = true;
    if (info.state() == GenerationState.ACTIVE) {
      active = info;
    } else if (active != null && active.id() == info.id()) {
      active = null;
    }
  }

  /** The instance stops: not ready from now on, whatever the generations do. */
  synchronized void stop() {
    stopped = true;
  }

  /** The active generation while ready; empty before the first one and once stopping. */
  synchronized Optional<GenerationInfo> active() {
    return stopped ? Optional.empty() : Optional.ofNullable(active);
  }
}
