package io.hotswap.internal.endpoint;

/**
 * The in-flight work of one generation on one lane: a count and the list of open exchanges. Written
 * only by the lane's event-loop thread, so the hot path has no atomic operation and no contention
 * between lanes; a drain asks each lane on its own thread.
 *
 * <p>Not thread-safe by design: confined to the lane thread.
 */
final class LaneLedger {
  private final Exchange head = new Sentinel();
  private final RequestTiming timing;
  private int count;
  private long served;
  private long errors;
  private long timed;
  private long timedNanos;
  private long maxNanos;
  private Runnable onDrained;

  LaneLedger(RequestTiming timing) {
    this.timing = timing;
    head.previous = head;
    head.next = head;
  }

  /** Counts {@code exchange} as in flight. */
  void add(Exchange exchange) {
    assert exchange.lane().inEventLoop() : "an exchange counted off its lane's thread";
    exchange.attach(this);
    exchange.previous = head.previous;
    exchange.next = head;
    head.previous.next = exchange;
    head.previous = exchange;
    count++;
    served++;
    if (timing.on() && exchange.timeable()) {
      exchange.startedNanos = System.nanoTime();
    }
  }

  /** Called by {@link Exchange#done()}: the work ended. */
  void remove(Exchange exchange) {
    if (exchange.startedNanos != 0) {
      long took = System.nanoTime() - exchange.startedNanos;
      timed++;
      timedNanos += took;
      maxNanos = Math.max(maxNanos, took);
    }
    unlink(exchange);
    if (count == 0 && onDrained != null) {
      Runnable callback = onDrained;
      onDrained = null;
      callback.run();
    }
  }

  /** The number of exchanges in flight. */
  int count() {
    return count;
  }

  /** Counts one failed exchange (HTTP 5xx, a handler that threw, a failed reply). */
  void error() {
    errors++;
  }

  /** The number of failed exchanges on this lane. */
  long errors() {
    return errors;
  }

  /** The number of exchanges ever counted on this lane. */
  long served() {
    return served;
  }

  /** Everything this lane counted, now. */
  LedgerFigures figures() {
    return new LedgerFigures(count, served, errors, timed, timedNanos, maxNanos);
  }

  /**
   * Runs {@code callback} once nothing is in flight: now, or when the last exchange ends. Several
   * callers may wait; each callback runs once.
   */
  void whenDrained(Runnable callback) {
    if (count == 0) {
      callback.run();
    } else if (onDrained == null) {
      onDrained = callback;
    } else {
      Runnable earlier = onDrained;
      onDrained =
          () -> {
            earlier.run();
            callback.run();
          };
    }
  }

  /**
   * Cancels every exchange still in flight and empties the ledger.
   *
   * @return how many exchanges were answered by the host
   */
  int cancelAll() {
    int cancelled = 0;
    while (head.next != head) {
      Exchange exchange = head.next;
      exchange.detach();
      unlink(exchange);
      if (exchange.cancel()) {
        cancelled++;
      }
    }
    onDrained = null;
    return cancelled;
  }

  private void unlink(Exchange exchange) {
    exchange.previous.next = exchange.next;
    exchange.next.previous = exchange.previous;
    exchange.previous = null;
    exchange.next = null;
    count--;
  }

  private static final class Sentinel extends Exchange {
    Sentinel() {
      super(null);
    }

    @Override
    boolean cancel() {
      return false;
    }
  }
}
