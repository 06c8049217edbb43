package io.hotswap.internal.endpoint;

import io.netty.channel.EventLoop;

/**
 * One unit of in-flight work of a generation on one lane: an HTTP request until its response ended,
 * or an event-bus message until it was replied to. Exchanges form an intrusive list in their {@link
 * LaneLedger}, so counting costs no allocation beyond the exchange itself.
 *
 * <p>The lane is the one that accepted the work, which is not always the thread that finishes it: a
 * request handed to an instance of another lane ends on that instance's thread (Vert.x runs a
 * response's end handler on the thread that called {@code end()}). Work that can end off the lane
 * must end through {@link #doneFromAnyThread()} or {@link #finishFromAnyThread(boolean)}: the
 * ledger is plain lane-confined state, and a foreign thread touching it loses counts and corrupts
 * its list (a generation that never drains, whose list is empty at the drain timeout).
 *
 * <p>Confined to its lane's event-loop thread, except the {@code FromAnyThread} methods.
 */
abstract class Exchange {
  Exchange previous;
  Exchange next;

  /** When the ledger began timing it ({@link System#nanoTime()}), or 0 when it is not timed. */
  long startedNanos;

  private LaneLedger ledger;
  private final EventLoop lane;
  private InFlightLimit limit;
  private int limitLane;

  Exchange(EventLoop lane) {
    this.lane = lane;
  }

  /** Called by the ledger when the exchange joins it. */
  final void attach(LaneLedger ledger) {
    this.ledger = ledger;
  }

  /** Marks the work finished; idempotent; must run on the lane thread. */
  final void done() {
    assert lane == null || lane.inEventLoop() : "an exchange ended off its lane's thread";
    LaneLedger owner = ledger;
    if (owner != null) {
      ledger = null;
      owner.remove(this);
      if (limit != null) {
        limit.exit(limitLane);
      }
    }
  }

  /** Counts this exchange in {@code bound} too, on lane {@code laneIndex}, until it is done. */
  final void countedIn(InFlightLimit bound, int laneIndex) {
    this.limit = bound;
    this.limitLane = laneIndex;
  }

  /** Counts this exchange as failed; must run on the lane thread, before {@link #done()}. */
  final void countError() {
    assert lane == null || lane.inEventLoop() : "an exchange counted off its lane's thread";
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

  /**
   * Marks the work finished from any thread, counting it as failed first when {@code failed}; the
   * bookkeeping runs on the lane thread (hopping there when needed) and happens once however often
   * this is called.
   */
  final void finishFromAnyThread(boolean failed) {
    if (lane.inEventLoop()) {
      finish(failed);
    } else {
      lane.execute(() -> finish(failed));
    }
  }

  private void finish(boolean failed) {
    if (failed) {
      countError();
    }
    done();
  }

  /**
   * Whether its time from dispatch to end is a request's or message's time, for {@link
   * RequestTiming}; a WebSocket counted in flight while it is open is not.
   */
  boolean timeable() {
    return true;
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
