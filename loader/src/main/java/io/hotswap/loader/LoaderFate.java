package io.hotswap.loader;

/**
 * Where a retired class loader is in its life, as seen by a {@link LoaderTracker}.
 *
 * <p>Immutable and thread-safe.
 */
public enum LoaderFate {
  /** Retired and watched; not collected yet, leak timeout not passed. */
  TRACKED,
  /** Garbage collected. */
  COLLECTED,
  /** Still not collected after the leak timeout and a few forced GCs: something holds it. */
  LEAKED
}
