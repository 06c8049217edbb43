package io.hotswap.internal.spi;

import io.hotswap.HotSwap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * A {@link HotSwap} instance as hotswap's own modules outside core see it (the way Vert.x modules
 * see {@code VertxInternal}): the host {@code Vertx}, the supervisor's node view, a hook into its
 * close, and an observer of dispatches. Every instance {@link HotSwap#create} returns implements
 * it; reach it with {@link #of(HotSwap)}.
 *
 * <p>Implementations are thread-safe.
 */
public interface HotSwapInternal extends HotSwap {

  /**
   * The internal view of {@code hotSwap}.
   *
   * @throws IllegalArgumentException when {@code hotSwap} was not made by {@link HotSwap#create}
   */
  static HotSwapInternal of(HotSwap hotSwap) {
    if (hotSwap instanceof HotSwapInternal internal) {
      return internal;
    }
    throw new IllegalArgumentException(
        "not a hotswap instance made by HotSwap.create: " + hotSwap.getClass().getName());
  }

  /** The host Vert.x instance. */
  Vertx vertx();

  /**
   * What the instance runs and how to reload it by snapshot.
   *
   * @throws IllegalStateException before {@link #start()} was called
   */
  LocalNode localNode();

  /**
   * Runs {@code hook} when the instance closes, before the active generation retires; the close
   * waits for the future it returns (a failure is logged and does not stop the close).
   */
  void onClose(Supplier<Future<Void>> hook);

  /**
   * Times every request and message dispatched from now on (before or after {@link #start()}), so
   * that {@link HotSwap#status()} reports each generation's {@link io.hotswap.StatusReport.Timing};
   * idempotent. Off by default: it costs two clock reads per request.
   */
  void timeRequests();

  /**
   * Makes {@code observer} the one observer of every later dispatch of a request or message to a
   * generation on this instance's endpoints, replacing any earlier one ({@code null}: none).
   */
  void observeDispatch(DispatchObserver observer);

  /**
   * Stops the instance as a management stop does (the JMX {@code stop} operation, SIGTERM): drains
   * and closes it, then runs the {@link HotSwap#onStop} actions, once however often it is asked.
   */
  void requestStop();
}
