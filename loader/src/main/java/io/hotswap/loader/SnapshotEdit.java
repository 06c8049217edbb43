package io.hotswap.loader;

import java.time.Instant;

/**
 * The content of a snapshot being changed into the next one, an entry at a time: each put or remove
 * costs O(log n) on the persistent name indexes, which the next snapshot shares with the previous
 * one except along the changed paths; nothing is re-sorted and no unchanged entry is rehashed.
 *
 * <p>Not thread-safe: one taker uses it, then {@link #build}s; the snapshot built is immutable.
 */
final class SnapshotEdit {

  private NameTree<SnapshotEntry> entries;
  private NameTree<Integer> classes;
  private long totalBytes;
  private final PlatformContent platform;
  private int changes;

  SnapshotEdit(
      NameTree<SnapshotEntry> entries,
      NameTree<Integer> classes,
      long totalBytes,
      PlatformContent platform) {
    this.entries = entries;
    this.classes = classes;
    this.totalBytes = totalBytes;
    this.platform = platform;
  }

  /** Sets entry {@code name} to {@code entry}; nothing when it already is that entry. */
  void put(String name, SnapshotEntry entry) {
    SnapshotEntry old = entries.get(name);
    if (old == entry) {
      return;
    }
    entries = entries.with(Snapshot.checkName(name), entry);
    totalBytes += entry.length() - (old == null ? 0 : old.length());
    if (old == null) {
      countClass(name, 1);
    }
    changes++;
  }

  /** Removes entry {@code name}; nothing when absent. */
  void remove(String name) {
    SnapshotEntry old = entries.get(name);
    if (old == null) {
      return;
    }
    entries = entries.without(name);
    totalBytes -= old.length();
    countClass(name, -1);
    changes++;
  }

  /** How many puts and removes changed the content. */
  int changes() {
    return changes;
  }

  /** The next snapshot, taken at {@code takenAt}. */
  Snapshot build(Instant takenAt) {
    return Snapshot.edited(entries, classes, totalBytes, platform, takenAt);
  }

  private void countClass(String name, int delta) {
    String binary = Snapshot.binaryNameOf(name);
    if (binary == null) {
      return;
    }
    Integer count = classes.get(binary);
    int next = (count == null ? 0 : count) + delta;
    classes = next <= 0 ? classes.without(binary) : classes.with(binary, next);
  }
}
