package io.hotswap.internal.endpoint;

/**
 * Holds the binding table every endpoint of one application reads on each dispatch, and the
 * application's {@link WarmUpRoutes}. One volatile read per request; one volatile write per
 * cutover, by the supervisor's cutover step alone.
 *
 * <p>Thread-safe.
 */
public final class ActiveBindings {
  private final WarmUpRoutes warmUps = new WarmUpRoutes();
  private volatile BindingTable table = BindingTable.EMPTY;

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
}
