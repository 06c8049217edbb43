package io.hotswap.internal.endpoint;

/**
 * Holds the binding table every endpoint of one application reads on each dispatch. One volatile
 * read per request; one volatile write per cutover.
 *
 * <p>Thread-safe.
 */
public final class ActiveBindings {
  private volatile BindingTable table = BindingTable.EMPTY;

  /** The table in force now. */
  public BindingTable current() {
    return table;
  }

  /** Cuts over: every dispatch that starts after this call sees {@code next}. */
  public void publish(BindingTable next) {
    table = next;
  }
}
