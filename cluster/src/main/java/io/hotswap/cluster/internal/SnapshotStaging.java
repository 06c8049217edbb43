package io.hotswap.cluster.internal;

import io.hotswap.loader.Snapshot;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot being received from another node: the manifest, the entries this node already had
 * (found by hash in the snapshots it keeps), and those that arrive. Every received entry is checked
 * against its SHA-256, and the assembled snapshot against the manifest's id, so a corrupted or
 * tampered transfer can never become a generation.
 *
 * <p>Not thread-safe: used by one node agent on its event loop.
 */
final class SnapshotStaging {
  private final SnapshotManifest manifest;
  private final Map<String, byte[]> byHash = new HashMap<>();
  private final Set<String> missing = new LinkedHashSet<>();
  private final Map<String, Integer> sizes = new HashMap<>();
  private final int reused;

  /**
   * Starts staging {@code manifest}, taking what it can from {@code known} (snapshots this node
   * keeps) with their entry digests.
   */
  SnapshotStaging(SnapshotManifest manifest, Iterable<Snapshot> known, EntryDigests digests) {
    this.manifest = manifest;
    Set<String> wanted = new LinkedHashSet<>();
    for (SnapshotManifest.Entry entry : manifest.entries()) {
      wanted.add(entry.sha256());
      sizes.put(entry.sha256(), entry.size());
    }
    for (Snapshot snapshot : known) {
      for (Map.Entry<String, String> entry : digests.of(snapshot).entrySet()) {
        if (wanted.contains(entry.getValue()) && !byHash.containsKey(entry.getValue())) {
          byte[] bytes = new byte[snapshot.resource(entry.getKey()).orElseThrow().remaining()];
          snapshot.resource(entry.getKey()).orElseThrow().get(bytes);
          byHash.put(entry.getValue(), bytes);
        }
      }
    }
    for (String hash : wanted) {
      if (!byHash.containsKey(hash)) {
        missing.add(hash);
      }
    }
    this.reused = byHash.size();
  }

  SnapshotManifest manifest() {
    return manifest;
  }

  /** The hashes still to receive, in manifest order. */
  Set<String> missing() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(missing));
  }

  /** How many entries the node had already. */
  int reused() {
    return reused;
  }

  /**
   * Takes one received entry.
   *
   * @throws IllegalArgumentException when its content does not hash to {@code sha256} or it was not
   *     asked for
   */
  void accept(String sha256, byte[] content) {
    if (!missing.contains(sha256)) {
      throw new IllegalArgumentException("received an entry that was not asked for: " + sha256);
    }
    if (content.length != sizes.get(sha256)) {
      throw new IllegalArgumentException(
          "received entry "
              + sha256
              + " has "
              + content.length
              + " bytes, the manifest says "
              + sizes.get(sha256));
    }
    String actual = EntryDigests.sha256(content);
    if (!actual.equals(sha256)) {
      throw new IllegalArgumentException(
          "received entry " + sha256 + " hashes to " + actual + ": corrupted in transfer");
    }
    byHash.put(sha256, content);
    missing.remove(sha256);
  }

  /**
   * Builds the snapshot once nothing is missing.
   *
   * @throws IllegalStateException when entries are missing or the result's id differs from the
   *     manifest's
   */
  Snapshot assemble() {
    if (!missing.isEmpty()) {
      throw new IllegalStateException(missing.size() + " entries were never received");
    }
    Map<String, byte[]> entries = new HashMap<>();
    for (SnapshotManifest.Entry entry : manifest.entries()) {
      entries.put(entry.name(), byHash.get(entry.sha256()));
    }
    Snapshot snapshot = Snapshot.of(entries);
    if (!snapshot.id().equals(manifest.id())) {
      throw new IllegalStateException(
          "the assembled snapshot hashes to "
              + snapshot.id().shortId()
              + ", not to the manifest's "
              + manifest.id().shortId());
    }
    return snapshot;
  }
}
