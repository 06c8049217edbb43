package io.hotswap.internal.endpoint;

import io.hotswap.GatewayLimits;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The load of one connection endpoint: its bounds, the bytes pending over all its connections, and
 * what it shed. Connections admit each frame through {@link #admit}, so no write is queued past the
 * bounds of {@link GatewayLimits}.
 *
 * <p>Thread-safe: atomics and adders, written from every event loop.
 */
final class GatewayLoad {
  /** What became of one frame offered to one connection. */
  enum Admission {
    /** Within every bound: write it. */
    ADMITTED,
    /** Shed to protect the host: not written, the connection stays. */
    DROPPED,
    /** The connection is too slow: not written, and it is closed (or, by policy, skipped). */
    SLOW
  }

  private final GatewayLimits limits;
  private final IntSupplier openConnections;
  private final Consumer<HostConnection> closedAsSlow;
  private final AtomicLong pending = new AtomicLong();
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder slow = new LongAdder();
  private final LongAdder closedSlow = new LongAdder();

  GatewayLoad(
      GatewayLimits limits, IntSupplier openConnections, Consumer<HostConnection> closedAsSlow) {
    this.limits = limits;
    this.openConnections = openConnections;
    this.closedAsSlow = closedAsSlow;
  }

  GatewayLimits limits() {
    return limits;
  }

  /** The cost counted for a frame of {@code payload} bytes: payload and bookkeeping. */
  static long cost(long payload) {
    return payload + GatewayLimits.FRAME_OVERHEAD_BYTES;
  }

  /**
   * Decides whether a connection with {@code connectionPending} bytes pending may take a frame of
   * {@code cost}; when admitted, the endpoint's pending count already includes it.
   */
  Admission admit(long connectionPending, long cost) {
    if (connectionPending + cost > limits.maxPendingBytes()) {
      slow.increment();
      return Admission.SLOW;
    }
    long total = pending.addAndGet(cost);
    if (total > limits.maxEndpointPendingBytes()) {
      pending.addAndGet(-cost);
      long fairShare = limits.maxEndpointPendingBytes() / Math.max(1, openConnections.getAsInt());
      if (connectionPending > fairShare) {
        slow.increment();
        return Admission.SLOW;
      }
      dropped.increment();
      return Admission.DROPPED;
    }
    return Admission.ADMITTED;
  }

  /** A frame admitted earlier was taken by its socket (or failed). */
  void released(long cost, boolean succeeded) {
    pending.addAndGet(-cost);
    if (succeeded) {
      written.increment();
    }
  }

  /** Counts frames shed before they were offered (a broadcast's loop had too many waiting). */
  void droppedUnoffered(int frames) {
    dropped.add(frames);
  }

  /**
   * Counts a connection closed because it read too slowly; it leaves the endpoint's registry and
   * groups at once (its socket may take a while to go: a client that does not read does not answer
   * the close frame).
   */
  void closedSlow(HostConnection connection) {
    closedSlow.increment();
    closedAsSlow.accept(connection);
  }

  /** The current counts, for status. */
  io.hotswap.StatusReport.GatewayLoadStatus status() {
    return new io.hotswap.StatusReport.GatewayLoadStatus(
        pending.get(), written.sum(), dropped.sum(), slow.sum(), closedSlow.sum());
  }
}
