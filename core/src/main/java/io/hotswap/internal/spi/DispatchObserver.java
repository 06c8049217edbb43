package io.hotswap.internal.spi;

/**
 * Told when a generation is about to handle a request or message the host received: what the
 * tracing module uses to put the generation id on the server span Vert.x's tracer started. Set on
 * an instance with {@link HotSwapInternal#observeDispatch}.
 *
 * <p>Called on the generation's context (the duplicate that runs the handler, holding the host
 * request's context locals, so the tracer's current span is the request's), on its event loop, just
 * before the HTTP or event-bus handler runs; once per request or message. It must be fast and must
 * not block; what it throws is logged and the handler runs anyway. Implementations must be
 * thread-safe: every lane calls it.
 */
@FunctionalInterface
public interface DispatchObserver {

  /** Generation {@code generation} is about to handle a request or message. */
  void dispatching(long generation);
}
