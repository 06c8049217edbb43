package io.hotswap.internal.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-flight work of one generation across all lanes: one {@link LaneLedger} per lane, each
 * touched only by its lane's thread. "Drained" is established by asking every lane on its own
 * thread after the cutover: a dispatch that read the old binding table ran on that thread before
 * the question did, so it is counted.
 *
 * <p>Thread-safe: the lane ledgers are reached only through their lane threads.
 */
public final class InflightLedger {
  private final Lanes lanes;
  private final LaneLedger[] ledgers;

  /** Creates empty ledgers, one per lane, that time nothing. */
  public InflightLedger(Lanes lanes) {
    this(lanes, new RequestTiming());
  }

  /** Creates empty ledgers, one per lane, that time exchanges while {@code timing} is on. */
  public InflightLedger(Lanes lanes, RequestTiming timing) {
    this.lanes = lanes;
    this.ledgers = new LaneLedger[lanes.size()];
    for (int i = 0; i < ledgers.length; i++) {
      ledgers[i] = new LaneLedger(timing);
    }
  }

  /** The ledger of lane {@code lane}; only that lane's thread may use it. */
  LaneLedger lane(int lane) {
    return ledgers[lane];
  }

  /** Completes once no exchange is in flight on any lane. */
  public Future<Void> drained() {
    List<Future<Void>> lanesDrained = new ArrayList<>(ledgers.length);
    for (int i = 0; i < ledgers.length; i++) {
      Promise<Void> promise = Promise.promise();
      LaneLedger ledger = ledgers[i];
      lanes.execute(i, () -> ledger.whenDrained(promise::tryComplete));
      lanesDrained.add(promise.future());
    }
    return Future.all(lanesDrained).mapEmpty();
  }

  /** Cancels what is still in flight on every lane; completes with how many were answered. */
  public Future<Integer> cancelAll() {
    List<Future<Integer>> cancelled = new ArrayList<>(ledgers.length);
    for (int i = 0; i < ledgers.length; i++) {
      Promise<Integer> promise = Promise.promise();
      LaneLedger ledger = ledgers[i];
      lanes.execute(i, () -> promise.complete(ledger.cancelAll()));
      cancelled.add(promise.future());
    }
    return Future.all(cancelled)
        .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
  }

  /** Completes with the number of exchanges in flight now, summed over the lanes. */
  public Future<Integer> count() {
    return sumOverLanes(ledger -> (long) ledger.count()).map(Long::intValue);
  }

  /** Completes with everything the lanes counted, summed over the lanes, one visit to each. */
  public Future<LedgerFigures> figures() {
    List<Future<LedgerFigures>> values = new ArrayList<>(ledgers.length);
    for (int i = 0; i < ledgers.length; i++) {
      Promise<LedgerFigures> promise = Promise.promise();
      LaneLedger ledger = ledgers[i];
      lanes.execute(i, () -> promise.complete(ledger.figures()));
      values.add(promise.future());
    }
    return Future.all(values)
        .map(
            all ->
                all.<LedgerFigures>list().stream().reduce(LedgerFigures.NONE, LedgerFigures::plus));
  }

  private Future<Long> sumOverLanes(java.util.function.ToLongFunction<LaneLedger> reading) {
    List<Future<Long>> values = new ArrayList<>(ledgers.length);
    for (int i = 0; i < ledgers.length; i++) {
      Promise<Long> promise = Promise.promise();
      LaneLedger ledger = ledgers[i];
      lanes.execute(i, () -> promise.complete(reading.applyAsLong(ledger)));
      values.add(promise.future());
    }
    return Future.all(values)
        .map(all -> all.<Long>list().stream().mapToLong(Long::longValue).sum());
  }
}
