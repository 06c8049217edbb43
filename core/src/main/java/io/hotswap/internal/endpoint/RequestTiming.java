package io.hotswap.internal.endpoint;

/**
 * Whether the lane ledgers time each request and message from dispatch to answer, for latency by
 * generation. Off until something asks for it (the metrics binding does): timing costs two clock
 * reads per exchange (≈ 25 ns each on a Linux VM with a TSC clock), more than the rest of the
 * ledger's bookkeeping, so an instance nobody watches does not pay it. Once on it stays on; the
 * exchanges dispatched before that are not timed.
 *
 * <p>Thread-safe: one volatile flag, read by the lane threads on each dispatch.
 */
public final class RequestTiming {
  private volatile boolean on;

  /** Times the exchanges dispatched from now on, in every generation. */
  public void turnOn() {
    on = true;
  }

  /** Whether exchanges dispatched now are timed. */
  public boolean on() {
    return on;
  }
}
