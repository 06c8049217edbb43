package io.hotswap.internal.endpoint;

/**
 * What a generation's ledger counted, summed over its lanes at one instant: work in flight, work
 * dispatched, work that failed, and the time of the timed work that ended ({@link RequestTiming}).
 * A value.
 *
 * @param inFlight requests and messages in flight now
 * @param served requests and messages dispatched since the generation became active
 * @param failed of those, how many failed (HTTP 5xx, a handler that threw, a failed reply)
 * @param timed how many timed exchanges ended
 * @param timedNanos their summed time from dispatch to answer
 * @param maxNanos the longest of them
 */
public record LedgerFigures(
    int inFlight, long served, long failed, long timed, long timedNanos, long maxNanos) {

  /** Nothing counted. */
  public static final LedgerFigures NONE = new LedgerFigures(0, 0, 0, 0, 0, 0);

  /** The sum of two lanes' figures (the larger maximum). */
  LedgerFigures plus(LedgerFigures other) {
    return new LedgerFigures(
        inFlight + other.inFlight,
        served + other.served,
        failed + other.failed,
        timed + other.timed,
        timedNanos + other.timedNanos,
        Math.max(maxNanos, other.maxNanos));
  }

  /** The same figures with nothing in flight (a generation that was released). */
  public LedgerFigures released() {
    return new LedgerFigures(0, served, failed, timed, timedNanos, maxNanos);
  }
}
