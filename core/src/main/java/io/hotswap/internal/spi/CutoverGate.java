package io.hotswap.internal.spi;

import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Holds a checked generation back from its cutover until someone decides: what a two-phase cluster
 * roll uses so that every node loads, starts and checks first and all cut over together. A reload
 * that carries a gate is also never coalesced with other reloads: it loads exactly the snapshot it
 * asked for (see {@link #open()} for a gate that does not hold).
 *
 * <p>The supervisor calls {@link #held} once the candidate passed its checks and waits for the
 * decision; the owner of the gate waits on {@link #ready()} and then calls {@link #commit()} or
 * {@link #abort(String)}. While a candidate is held the supervisor runs no other reload, so the
 * owner must decide within a bound (its own timer).
 *
 * <p>Thread-safe: the first decision wins, later ones are ignored.
 */
public final class CutoverGate {
  private final Promise<Candidate> ready = Promise.promise();
  private final Promise<Void> decision = Promise.promise();

  /** A gate that is already committed: the reload runs on its own and cuts over at once. */
  public static CutoverGate open() {
    CutoverGate gate = new CutoverGate();
    gate.commit();
    return gate;
  }

  /** The checked candidate a gate holds. */
  public record Candidate(long generation, String snapshotId) {}

  /** Completes once a checked candidate waits for the decision. */
  public Future<Candidate> ready() {
    return ready.future();
  }

  /** Lets the held candidate cut over. */
  public void commit() {
    decision.tryComplete();
  }

  /** Discards the held candidate (or the next one that would be held) with {@code reason}. */
  public void abort(String reason) {
    decision.tryFail(new CutoverAbortedException(reason));
  }

  /**
   * Called by the supervisor (not by the gate's owner): the candidate is checked; the future says
   * whether to cut over.
   */
  public Future<Void> held(long generation, String snapshotId) {
    ready.tryComplete(new Candidate(generation, snapshotId));
    return decision.future();
  }

  /** Why a held candidate never cut over. */
  static final class CutoverAbortedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CutoverAbortedException(String reason) {
      super("cutover aborted: " + reason, null, false, false);
    }
  }
}
