package io.hotswap.loader;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A retired class loader watched by a {@link LoaderTracker}: its label, state and fate.
 *
 * <p>Holds no reference to the loader itself. The state moves from {@link LoaderFate#TRACKED} to
 * {@link LoaderFate#COLLECTED} or {@link LoaderFate#LEAKED}, and from LEAKED to COLLECTED if the
 * loader is collected later. Thread-safe.
 */
public final class TrackedLoader {

  private final String label;
  private final long trackedAtNanos;
  private final CompletableFuture<LoaderFate> fate = new CompletableFuture<>();
  private volatile LoaderFate state = LoaderFate.TRACKED;
  private volatile Duration timeToCollection;

  TrackedLoader(String label, long trackedAtNanos) {
    this.label = Objects.requireNonNull(label, "label");
    this.trackedAtNanos = trackedAtNanos;
  }

  /** The label given to {@link LoaderTracker#track}, e.g. {@code gen-7}. */
  public String label() {
    return label;
  }

  /** The current state. */
  public LoaderFate state() {
    return state;
  }

  /**
   * The time from {@link LoaderTracker#track} until the collection was noticed, or {@code null}
   * while the state is not {@link LoaderFate#COLLECTED}.
   */
  public Duration timeToCollection() {
    return timeToCollection;
  }

  /**
   * Completes with {@link LoaderFate#COLLECTED} or {@link LoaderFate#LEAKED}, whichever comes
   * first; dependent actions run on the tracker thread unless made async, so keep them short. Each
   * call returns a new future, so completing it does not affect the tracker.
   */
  public CompletableFuture<LoaderFate> fate() {
    return fate.copy();
  }

  synchronized void collected(long nowNanos) {
    if (state == LoaderFate.COLLECTED) {
      return;
    }
    timeToCollection = Duration.ofNanos(nowNanos - trackedAtNanos);
    state = LoaderFate.COLLECTED;
    fate.complete(LoaderFate.COLLECTED);
  }

  synchronized boolean leaked() {
    if (state != LoaderFate.TRACKED) {
      return false;
    }
    state = LoaderFate.LEAKED;
    fate.complete(LoaderFate.LEAKED);
    return true;
  }

  @Override
  public String toString() {
    return label + "[" + state + "]";
  }
}
