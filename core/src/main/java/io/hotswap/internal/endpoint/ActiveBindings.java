package io.hotswap.internal.endpoint;

import io.hotswap.internal.spi.DispatchObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the binding table every endpoint of one application reads on each dispatch, the
 * application's {@link WarmUpRoutes}, and the {@link DispatchObserver} told of each dispatch (none
 * unless a module such as the tracing one set it). One volatile read per request for the table, one
 * more for the observer; one volatile write per cutover, by the supervisor's cutover step alone.
 *
 * <p>Thread-safe.
 */
public final class ActiveBindings {
  private final WarmUpRoutes warmUps = new WarmUpRoutes();
  private static final Logger LOG = LoggerFactory.getLogger(ActiveBindings.class);

  private volatile BindingTable table = BindingTable.EMPTY;
  private volatile DispatchObserver observer;

  /** The table in force now. */
  public BindingTable current() {
    return table;
  }

  /** Cuts over: every dispatch that starts after this call sees {@code next}. */
  public void publish(BindingTable next) {
    table = next;
  }

  /** The warm-up window HTTP endpoints consult for requests that carry a warm-up token. */
  public WarmUpRoutes warmUps() {
    return warmUps;
  }

  /** Makes {@code next} the observer of every later dispatch ({@code null}: none). */
  public void observe(DispatchObserver next) {
    observer = next;
  }

  /**
   * Tells the observer, if any, that {@code generation} is about to handle a request or message;
   * runs on the generation's context. Without an observer: a field read and a null check.
   */
  void dispatching(long generation) {
    DispatchObserver current = observer;
    if (current != null) {
      try {
        current.dispatching(generation);
      } catch (RuntimeException failure) {
        LOG.warn("gen-{}: dispatch observer {} threw", generation, current, failure);
      }
    }
  }
}
