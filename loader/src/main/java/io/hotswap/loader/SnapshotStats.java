package io.hotswap.loader;

/**
 * What one {@link Snapshotter#take()} read from disk and what it reused from the previous take.
 *
 * <p>Immutable and thread-safe.
 *
 * @param filesRead directory files read because they are new, changed or recently modified
 * @param filesReused directory files whose size and modification time were unchanged
 * @param jarsRead jars (in {@code lib/} or the single jar) read because they are new or changed
 * @param jarsReused jars whose size and modification time were unchanged
 */
public record SnapshotStats(int filesRead, int filesReused, int jarsRead, int jarsReused) {

  /** Stats of a snapshotter that has not taken a snapshot yet. */
  public static final SnapshotStats NONE = new SnapshotStats(0, 0, 0, 0);
}
