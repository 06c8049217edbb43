package io.hotswap;

/**
 * The bounds a connection endpoint (WebSocket, TCP, server-sent events) keeps under overload, so
 * that more traffic than the machine can write degrades service instead of filling the heap:
 *
 * <ul>
 *   <li>{@code maxPendingBytes}: per connection, bytes written but not yet taken by the socket,
 *       counting {@value #FRAME_OVERHEAD_BYTES} bytes of bookkeeping per frame besides its payload
 *       (a flood of tiny frames costs memory too); past it the connection is slow;
 *   <li>{@code maxEndpointPendingBytes}: the same, summed over the endpoint's connections; past it
 *       a write to a connection holding more than its fair share is treated as slow, any other is
 *       dropped;
 *   <li>{@code maxQueuedFrames}: per event loop, frames of broadcasts ({@code sendToGroup}, {@code
 *       sendToAll}) waiting for that loop to write them; past it a broadcast skips that loop's
 *       members (dropped), so a loop never has more than about this many frames of work queued
 *       ahead of the requests it also serves (a broadcast is always taken when none waits);
 *   <li>{@code slowConsumer}: what happens to a slow connection: {@link SlowConsumer#CLOSE} it
 *       (WebSocket status 1008), or {@link SlowConsumer#DROP} the messages it cannot take.
 * </ul>
 *
 * <p>The defaults keep 1,000 connections within a 512 MiB heap. A value; immutable.
 *
 * @param maxPendingBytes per-connection bound, bytes
 * @param maxEndpointPendingBytes per-endpoint bound, bytes
 * @param maxQueuedFrames per-event-loop bound of broadcast frames waiting to be written
 * @param slowConsumer what to do with a connection past its bound
 */
public record GatewayLimits(
    int maxPendingBytes,
    long maxEndpointPendingBytes,
    int maxQueuedFrames,
    SlowConsumer slowConsumer) {

  /** Default per-connection bound: 1 MiB. */
  public static final int DEFAULT_MAX_PENDING_BYTES = 1024 * 1024;

  /** Default per-endpoint bound: 64 MiB. */
  public static final long DEFAULT_MAX_ENDPOINT_PENDING_BYTES = 64L * 1024 * 1024;

  /** Default bound of broadcast frames waiting per event loop. */
  public static final int DEFAULT_MAX_QUEUED_FRAMES = 8192;

  /** Bytes of bookkeeping counted per pending frame, besides its payload. */
  public static final int FRAME_OVERHEAD_BYTES = 256;

  /** What happens to a connection that reads too slowly. */
  public enum SlowConsumer {
    /** Close it: status 1008 (policy violation) for a WebSocket. */
    CLOSE,
    /** Keep it and drop the messages it cannot take. */
    DROP
  }

  /** Validates the bounds. */
  public GatewayLimits {
    if (maxPendingBytes <= 0 || maxEndpointPendingBytes <= 0 || maxQueuedFrames <= 0) {
      throw new IllegalArgumentException(
          "gateway limits must be positive: "
              + maxPendingBytes
              + ", "
              + maxEndpointPendingBytes
              + ", "
              + maxQueuedFrames);
    }
    java.util.Objects.requireNonNull(slowConsumer, "slowConsumer");
  }

  /** The defaults. */
  public static GatewayLimits defaults() {
    return new GatewayLimits(
        DEFAULT_MAX_PENDING_BYTES,
        DEFAULT_MAX_ENDPOINT_PENDING_BYTES,
        DEFAULT_MAX_QUEUED_FRAMES,
        SlowConsumer.CLOSE);
  }

  /** These limits with another per-connection bound. */
  public GatewayLimits withMaxPendingBytes(int bytes) {
    return new GatewayLimits(bytes, maxEndpointPendingBytes, maxQueuedFrames, slowConsumer);
  }

  /** These limits with another per-endpoint bound. */
  public GatewayLimits withMaxEndpointPendingBytes(long bytes) {
    return new GatewayLimits(maxPendingBytes, bytes, maxQueuedFrames, slowConsumer);
  }

  /** These limits with another bound of waiting broadcast frames per event loop. */
  public GatewayLimits withMaxQueuedFrames(int frames) {
    return new GatewayLimits(maxPendingBytes, maxEndpointPendingBytes, frames, slowConsumer);
  }

  /** These limits with another slow-consumer policy. */
  public GatewayLimits withSlowConsumer(SlowConsumer policy) {
    return new GatewayLimits(maxPendingBytes, maxEndpointPendingBytes, maxQueuedFrames, policy);
  }
}
