package io.hotswap.cluster.internal;

import io.hotswap.loader.Snapshot;
import io.hotswap.loader.SnapshotId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot consists of, without its bytes: its id and, per entry, the name, SHA-256 and
 * size. Shipping sends the manifest first; the receiving node asks only for the hashes it lacks and
 * rebuilds the snapshot, whose recomputed id must equal the manifest's.
 *
 * @param id the full snapshot id
 * @param entries every entry, in name order
 *     <p>Immutable and thread-safe.
 */
record SnapshotManifest(SnapshotId id, List<Entry> entries) {

  /** The most entries a manifest may list (a guard against absurd input). */
  static final int MAX_ENTRIES = 200_000;

  /** The most bytes a shipped snapshot may hold. */
  static final long MAX_BYTES = 1L << 30;

  SnapshotManifest {
    entries = List.copyOf(entries);
  }

  /** One entry: its resource name, the SHA-256 of its content as lowercase hex, its size. */
  record Entry(String name, String sha256, int size) {}

  static SnapshotManifest of(Snapshot snapshot, Map<String, String> digests) {
    List<Entry> entries = new ArrayList<>(snapshot.size());
    for (String name : snapshot.resourceNames()) {
      entries.add(
          new Entry(name, digests.get(name), snapshot.resource(name).orElseThrow().remaining()));
    }
    return new SnapshotManifest(snapshot.id(), entries);
  }

  /** The sum of the entry sizes. */
  long totalBytes() {
    long total = 0;
    for (Entry entry : entries) {
      total += entry.size();
    }
    return total;
  }

  JsonObject toJson() {
    JsonArray list = new JsonArray();
    for (Entry entry : entries) {
      list.add(new JsonArray().add(entry.name()).add(entry.sha256()).add(entry.size()));
    }
    return new JsonObject().put("id", id.hex()).put("entries", list);
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when the JSON is not a well-formed manifest
   */
  static SnapshotManifest fromJson(JsonObject json) {
    SnapshotId id = new SnapshotId(json.getString("id", ""));
    JsonArray list = json.getJsonArray("entries");
    if (list == null || list.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("manifest without entries or with too many");
    }
    List<Entry> entries = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonArray entry = list.getJsonArray(i);
      String name = entry.getString(0);
      String sha = entry.getString(1);
      int size = entry.getInteger(2);
      if (name == null || name.isEmpty() || name.startsWith("/") || name.contains("..")) {
        throw new IllegalArgumentException("bad entry name in manifest: " + name);
      }
      if (sha == null || !sha.matches("[0-9a-f]{64}") || size < 0) {
        throw new IllegalArgumentException("bad digest or size for " + name);
      }
      entries.add(new Entry(name, sha, size));
    }
    SnapshotManifest manifest = new SnapshotManifest(id, entries);
    if (manifest.totalBytes() > MAX_BYTES) {
      throw new IllegalArgumentException(
          "manifest of " + manifest.totalBytes() + " bytes exceeds " + MAX_BYTES);
    }
    return manifest;
  }
}
