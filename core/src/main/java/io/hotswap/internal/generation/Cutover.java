package io.hotswap.internal.generation;

import io.hotswap.internal.endpoint.ActiveBindings;
import io.hotswap.internal.endpoint.BindingTable;
import java.util.function.Consumer;

/**
 * The one writer of the binding table: a cutover publishes a candidate's table with one volatile
 * write and makes the candidate the current generation; closing the instance publishes {@link
 * BindingTable#EMPTY} the same way. Nothing else writes {@link ActiveBindings} (warm-up routing has
 * routes of its own, {@code WarmUpRoutes}).
 *
 * <p>Thread-safe: the supervisor serializes reloads, so writes never race; the current generation
 * is readable from any thread.
 */
final class Cutover {
  private final Consumer<BindingTable> table;
  private volatile Generation current;

  /** Writes {@code table}; tests count the writes. */
  Cutover(Consumer<BindingTable> table) {
    this.table = table;
  }

  /** The cutover of the application whose endpoints read {@code active}. */
  static Cutover of(ActiveBindings active) {
    return new Cutover(active::publish);
  }

  /** The active generation, or {@code null}. */
  Generation current() {
    return current;
  }

  /** Every dispatch that starts after this call goes to {@code next}, through {@code nextTable}. */
  void publish(Generation next, BindingTable nextTable) {
    table.accept(nextTable);
    current = next;
  }

  /** Publishes the empty table (the instance closes); returns the generation that was active. */
  Generation closeLast() {
    Generation last = current;
    current = null;
    table.accept(BindingTable.EMPTY);
    return last;
  }
}
