package io.hotswap.internal.endpoint;

/**
 * The immutable map from (endpoint, lane) to the handler of one generation. A cutover publishes a
 * new table with one volatile write ({@link ActiveBindings#publish}), so every endpoint switches at
 * once and no request can see half of one generation and half of another.
 *
 * <p>Immutable after construction; safe to share between threads once published.
 */
public final class BindingTable {
  /** The table before any generation is active: every endpoint answers "unavailable". */
  public static final BindingTable EMPTY = new BindingTable(0, new Binding[0][]);

  private final long generation;
  private final Binding[][] byEndpoint;

  /**
   * Creates a table; {@code byEndpoint[e][lane]} is the binding of endpoint index {@code e} on
   * {@code lane}, or {@code null} when the generation did not bind that endpoint. The arrays are
   * owned by the table from now on.
   */
  public BindingTable(long generation, Binding[][] byEndpoint) {
    this.generation = generation;
    this.byEndpoint = byEndpoint;
  }

  /** The generation whose handlers this table holds; 0 for {@link #EMPTY}. */
  public long generation() {
    return generation;
  }

  /** Why a request to {@code endpoint} finds no handler in this table, for the client. */
  public String unavailableReason(String endpoint) {
    return generation == 0
        ? "no generation is active"
        : "generation " + generation + " has no handler for endpoint '" + endpoint + "'";
  }

  /** The binding of endpoint {@code endpoint} on {@code lane}, or {@code null} if unbound. */
  public Binding binding(int endpoint, int lane) {
    if (endpoint >= byEndpoint.length) {
      return null;
    }
    Binding[] lanes = byEndpoint[endpoint];
    return lanes == null ? null : lanes[lane];
  }
}
