package io.hotswap.internal.endpoint;

import io.hotswap.GatewayLimits;
import io.hotswap.api.Connection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of one long connection, handed to business code as a {@link Connection}. It holds
 * only host objects and parent-first values, so no generation is pinned by it.
 *
 * <p>Design notes: writes are counted in {@link #pendingBytes()} until the socket took them, each
 * frame as its payload plus a fixed bookkeeping cost ({@link io.hotswap.GatewayLimits}); a write
 * past the connection's bound marks it slow (closed with 1008, or its messages dropped, by policy)
 * instead of queueing, and a write past the endpoint's total bound is dropped (or marks a
 * connection holding more than its fair share slow), so neither a client that stops reading nor a
 * flood of small frames grows the heap without bound ({@link GatewayLoad}). Futures handed to
 * business code complete on the caller's context, not on the host context of the socket.
 *
 * <p>Thread-safe: writes may come from any thread (Vert.x hops to the connection's event loop).
 */
abstract class HostConnection implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);

  private final String id;
  private final String endpoint;
  private final int lane;
  private final GatewayLoad load;
  private final AtomicLong pending = new AtomicLong();
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final Set<String> groups = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean open = true;

  /** What became of a frame offered to this connection. */
  enum Offer {
    /** Written (queued to the socket). */
    ADMITTED,
    /** Not written, to shed load. */
    DROPPED,
    /** Not written: the connection is too slow (closed, or skipped by the drop policy). */
    SLOW,
    /** Not written: the connection is closed. */
    NOT_OPEN
  }

  HostConnection(String id, String endpoint, int lane, GatewayLoad load) {
    this.id = id;
    this.endpoint = endpoint;
    this.lane = lane;
    this.load = load;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String endpoint() {
    return endpoint;
  }

  /** The lane whose event loop owns the socket. */
  final int lane() {
    return lane;
  }

  @Override
  public final boolean isOpen() {
    return open;
  }

  @Override
  public final long pendingBytes() {
    return pending.get();
  }

  @Override
  public final Future<Void> send(Buffer message) {
    Objects.requireNonNull(message, "message");
    return enqueue(message.length(), () -> writeBinary(message));
  }

  @Override
  public final Future<Void> send(String message) {
    Objects.requireNonNull(message, "message");
    return enqueue(message.length(), () -> writeText(message));
  }

  private Future<Void> enqueue(long bytes, Supplier<Future<Void>> writer) {
    long cost = GatewayLoad.cost(bytes);
    Offer admission = admission(cost);
    if (admission != Offer.ADMITTED) {
      return rehome(Future.failedFuture(refusal(admission)));
    }
    Future<Void> written;
    try {
      written = writer.get();
    } catch (RuntimeException failure) {
      release(cost, false);
      return rehome(Future.failedFuture(failure));
    }
    return rehome(written.andThen(done -> release(cost, done.succeeded())));
  }

  /**
   * Offers one broadcast frame of {@code payload} bytes; must run on this connection's lane. No
   * future is handed out: the broadcast counts what became of each member's frame.
   */
  final Offer offer(long payload, Function<HostConnection, Future<Void>> write) {
    long cost = GatewayLoad.cost(payload);
    Offer admission = admission(cost);
    if (admission != Offer.ADMITTED) {
      return admission;
    }
    try {
      write.apply(this).onComplete(done -> release(cost, done.succeeded()));
      return Offer.ADMITTED;
    } catch (RuntimeException failure) {
      release(cost, false);
      return Offer.DROPPED;
    }
  }

  /** Admits a frame of {@code cost} (counted as pending when admitted), or says why not. */
  private Offer admission(long cost) {
    if (!open) {
      return Offer.NOT_OPEN;
    }
    long before = pending.get();
    switch (load.admit(before, cost)) {
      case DROPPED:
        return Offer.DROPPED;
      case SLOW:
        tooSlow(before);
        return Offer.SLOW;
      default:
        pending.addAndGet(cost);
        return Offer.ADMITTED;
    }
  }

  private void release(long cost, boolean written) {
    pending.addAndGet(-cost);
    load.released(cost, written);
  }

  private void tooSlow(long pendingBytes) {
    if (load.limits().slowConsumer() == GatewayLimits.SlowConsumer.DROP) {
      return;
    }
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
    }
    String reason =
        "client too slow: "
            + pendingBytes
            + " bytes pending, limit "
            + load.limits().maxPendingBytes();
    LOG.warn("endpoint '{}': closing connection {}: {}", endpoint, id, reason);
    load.closedSlow(this);
    closeTooSlow(reason);
  }

  private String refusal(Offer admission) {
    return switch (admission) {
      case NOT_OPEN -> "connection " + id + " is closed";
      case SLOW -> "connection " + id + " is too slow: message not sent";
      default -> "endpoint '" + endpoint + "' is overloaded: message to " + id + " dropped";
    };
  }

  /** Completes on the caller's context (a generation's), so its callbacks run as its code. */
  private static Future<Void> rehome(Future<Void> hostFuture) {
    ContextInternal caller = (ContextInternal) Vertx.currentContext();
    if (caller == null) {
      return hostFuture;
    }
    return GenerationFuture.of(caller, hostFuture);
  }

  @Override
  public final Future<Void> close() {
    open = false;
    return rehome(closeNormally());
  }

  /** Marks the connection closed for writes. */
  final void closed() {
    open = false;
  }

  /** Whether the socket's close was seen (its close handler ran). */
  final boolean ended() {
    return ended.get();
  }

  /** Marks the socket ended; true only for the first call, so the close event fires once. */
  final boolean end() {
    open = false;
    return ended.compareAndSet(false, true);
  }

  @Override
  public final Connection put(String key, Object value) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      attributes.remove(key);
    } else {
      attributes.put(key, ParentFirstValues.copyOf(key, value));
    }
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public final <T> T get(String key) {
    return (T) attributes.get(key);
  }

  @Override
  public final Set<String> groups() {
    return Set.copyOf(groups);
  }

  /** The live group set, kept by the registry. */
  final Set<String> groupSet() {
    return groups;
  }

  /** Writes a binary message to the socket. */
  abstract Future<Void> writeBinary(Buffer message);

  /** Writes a text message to the socket. */
  abstract Future<Void> writeText(String message);

  /** Closes the socket normally. */
  abstract Future<Void> closeNormally();

  /** Closes the socket because the client does not read fast enough. */
  abstract void closeTooSlow(String reason);

  /** Tells the client that no generation can take its event, then closes or keeps the socket. */
  abstract void unavailable(String reason, boolean opening);

  @Override
  public String toString() {
    return id;
  }
}
