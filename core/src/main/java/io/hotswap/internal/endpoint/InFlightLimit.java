package io.hotswap.internal.endpoint;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bound of work one endpoint has in flight in generation code (HTTP requests, event-bus
 * messages): past it the host refuses the work before any generation code sees it (HTTP 503 with
 * {@code Retry-After}, an event-bus failure 503), so a flood the machine cannot serve costs a short
 * answer each instead of an ever-growing set of open requests. The bound is shared out between the
 * lanes (each lane may have {@code ceil(max / lanes)} in flight), so counting needs no shared
 * atomic on the hot path.
 *
 * <p>Thread-safe: each lane's count is confined to its lane's thread; {@link #inFlight()} and
 * {@link #rejected()} read them racily, for status.
 */
final class InFlightLimit {
  /** Seconds a client shed with 503 is asked to wait before it tries again. */
  static final String RETRY_AFTER_SECONDS = "1";

  private final String endpoint;
  private final int max;
  private final int perLane;
  private final int[] inFlight;
  private final LongAdder rejected = new LongAdder();

  InFlightLimit(String endpoint, int max, int lanes) {
    this.endpoint = endpoint;
    this.max = max;
    this.perLane = Math.max(1, (max + lanes - 1) / lanes);
    this.inFlight = new int[lanes];
  }

  /**
   * Counts one unit of work on {@code lane}, or counts a rejection when the lane is at its bound.
   * Must run on the lane's thread.
   *
   * @return whether the work was admitted (and must later be {@link #exit exited})
   */
  boolean tryEnter(int lane) {
    if (inFlight[lane] < perLane) {
      inFlight[lane]++;
      return true;
    }
    rejected.increment();
    return false;
  }

  /** What a rejected client is told. */
  String describe() {
    return "overloaded: endpoint '"
        + endpoint
        + "' has its bound of "
        + max
        + " in flight; retry after "
        + RETRY_AFTER_SECONDS
        + " s";
  }

  /** A request counted on {@code lane} is done. Must run on the lane's thread. */
  void exit(int lane) {
    inFlight[lane]--;
  }

  /** The endpoint's bound. */
  int max() {
    return max;
  }

  /** Requests in flight now (a racy sum, for status). */
  int inFlight() {
    int sum = 0;
    for (int count : inFlight) {
      sum += count;
    }
    return sum;
  }

  /** Requests answered 503 since the host started. */
  long rejected() {
    return rejected.sum();
  }
}
