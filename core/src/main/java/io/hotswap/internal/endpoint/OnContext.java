package io.hotswap.internal.endpoint;

import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;

/**
 * Runs generation handlers on the generation context's own event loop: inline when the caller is
 * already on it (the common case: instances are pinned to the lane that accepted the connection),
 * otherwise by hopping to it. A lane without an instance of its own serves through another lane's
 * instance, and that instance's code must still run on its own thread only, as in plain Vert.x,
 * where one instance's handlers never run on two threads.
 *
 * <p>Stateless.
 */
final class OnContext {
  private OnContext() {}

  /** Emits {@code event} to {@code handler} on {@code context}, on its event loop. */
  static <T> void emit(ContextInternal context, T event, Handler<T> handler) {
    if (context.nettyEventLoop().inEventLoop()) {
      context.emit(event, handler);
    } else {
      context.nettyEventLoop().execute(() -> context.emit(event, handler));
    }
  }

  /** Whether a handler emitted on {@code context} from this thread would run inline. */
  static boolean inline(ContextInternal context) {
    return context.nettyEventLoop().inEventLoop();
  }
}
