package io.hotswap.loader.cleanup;

import java.util.ArrayList;
import java.util.List;

/**
 * What one cleanup of a retired generation did: what it released and what it found but could not
 * release (the likely holders if the loader then leaks).
 *
 * <p>Thread-safe: appends are synchronized; lists are returned as copies.
 */
public final class CleanupReport {
  private final String label;
  private final List<String> released = new ArrayList<>();
  private final List<String> remaining = new ArrayList<>();

  /** An empty report of the generation labelled {@code label}. */
  public CleanupReport(String label) {
    this.label = label;
  }

  /** The generation's label, {@code gen-<n>}. */
  public String label() {
    return label;
  }

  /** Records that {@code what} was released. */
  public synchronized void released(String what) {
    released.add(what);
  }

  /** Records that {@code what} was found but could not be released. */
  public synchronized void remaining(String what) {
    remaining.add(what);
  }

  /** What was released, e.g. {@code thread 'worker' stopped}. */
  public synchronized List<String> released() {
    return List.copyOf(released);
  }

  /** What was found but not released, e.g. {@code thread 'x' ignored the interrupt}. */
  public synchronized List<String> remaining() {
    return List.copyOf(remaining);
  }

  @Override
  public synchronized String toString() {
    return label + ": released " + released + ", remaining " + remaining;
  }
}
