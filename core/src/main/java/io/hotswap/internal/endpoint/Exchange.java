package io.hotswap.internal.endpoint;

import io.netty.channel.EventLoop;

/**
 * One unit of in-flight work of a generation on one lane: an HTTP request until its response ended,
 * or an event-bus message until it was replied to. Exchanges form an intrusive list in their {@link
 * LaneLedger}, so counting costs no allocation beyond the exchange itself.
 *
 * <p>Confined to its lane's event-loop thread, except {@link #doneFromAnyThread()}.
 */
abstract class Exchange {
  Exchange previous;
  Exchange next;
  private LaneLedger ledger;
  private final EventLoop lane;

  Exchange(EventLoop lane) {
    this.lane = lane;
  }

  /** Called by the ledger when the exchange joins it. */
  final void attach(LaneLedger ledger) {
    this.ledger = ledger;
  }

  /** Marks the work finished; idempotent; must run on the lane thread. */
  final void done() {
    LaneLedger owner = ledger;
    if (owner != null) {
      ledger = null;
      owner.remove(this);
    }
  }

  /** Counts this exchange as failed; must run on the lane thread, before {@link #done()}. */
  final void countError() {
    LaneLedger owner = ledger;
    if (owner != null) {
      owner.error();
    }
  }

  /** Marks the work finished from any thread, hopping to the lane thread when needed. */
  final void doneFromAnyThread() {
    if (lane.inEventLoop()) {
      done();
    } else {
      lane.execute(this::done);
    }
  }

  /** The event loop of the lane this exchange is counted on. */
  final EventLoop lane() {
    return lane;
  }

  /** Whether the exchange is still counted as in flight. */
  final boolean isOpen() {
    return ledger != null;
  }

  /** Detaches the exchange without the ledger bookkeeping; used when the ledger cancels it. */
  final void detach() {
    ledger = null;
  }

  /**
   * Answers the work for the generation that can no longer finish it (drain timeout): HTTP 503 with
   * {@code Connection: close}, or a failed reply. Runs on the lane thread.
   *
   * @return whether anything was still pending and has now been answered or closed
   */
  abstract boolean cancel();
}
