package io.hotswap.internal.endpoint;

import io.hotswap.api.Connection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of one long connection, handed to business code as a {@link Connection}. It holds
 * only host objects and parent-first values, so no generation is pinned by it.
 *
 * <p>Design notes: writes are counted in {@link #pendingBytes()} until the socket took them; a
 * write that would take the count past the endpoint's bound closes the connection as too slow
 * instead of queueing, so a client that stops reading costs at most that bound. Futures handed to
 * business code complete on the caller's context, not on the host context of the socket.
 *
 * <p>Thread-safe: writes may come from any thread (Vert.x hops to the connection's event loop).
 */
abstract class HostConnection implements Connection {
  private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);

  private final String id;
  private final String endpoint;
  private final int lane;
  private final long maxPendingBytes;
  private final AtomicLong pending = new AtomicLong();
  private final Map<String, Object> attributes = new ConcurrentHashMap<>();
  private final Set<String> groups = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean open = true;

  HostConnection(String id, String endpoint, int lane, long maxPendingBytes) {
    this.id = id;
    this.endpoint = endpoint;
    this.lane = lane;
    this.maxPendingBytes = maxPendingBytes;
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
    if (!open) {
      return rehome(Future.failedFuture("connection " + id + " is closed"));
    }
    long now = pending.addAndGet(bytes);
    if (now > maxPendingBytes) {
      pending.addAndGet(-bytes);
      String reason =
          "client too slow: " + (now - bytes) + " bytes pending, limit " + maxPendingBytes;
      LOG.warn("endpoint '{}': closing connection {}: {}", endpoint, id, reason);
      open = false;
      closeTooSlow(reason);
      return rehome(Future.failedFuture("connection " + id + " closed: " + reason));
    }
    Future<Void> written;
    try {
      written = writer.get();
    } catch (RuntimeException failure) {
      pending.addAndGet(-bytes);
      return rehome(Future.failedFuture(failure));
    }
    return rehome(written.andThen(done -> pending.addAndGet(-bytes)));
  }

  /** Completes on the caller's context (a generation's), so its callbacks run as its code. */
  private static Future<Void> rehome(Future<Void> hostFuture) {
    ContextInternal caller = (ContextInternal) Vertx.currentContext();
    if (caller == null) {
      return hostFuture;
    }
    PromiseInternal<Void> promise = caller.promise();
    hostFuture.onComplete(promise);
    return promise.future();
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
