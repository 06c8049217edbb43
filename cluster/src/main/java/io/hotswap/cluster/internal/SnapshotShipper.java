package io.hotswap.cluster.internal;

import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ships one snapshot to one node: sends the manifest ({@code stage}), gets back the hashes the node
 * lacks, sends those entries in batches of at most {@link #BATCH_BYTES} ({@code blobs}), and asks
 * the node to assemble and verify the snapshot ({@code assemble}). One batch at a time, so a slow
 * node is never flooded.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class SnapshotShipper {
  static final int BATCH_BYTES = 4 * 1024 * 1024;

  private final Snapshot snapshot;
  private final SnapshotManifest manifest;
  private final Map<String, String> nameByHash = new HashMap<>();

  SnapshotShipper(Snapshot snapshot, Map<String, String> digests) {
    this.snapshot = snapshot;
    this.manifest = SnapshotManifest.of(snapshot, digests);
    digests.forEach((name, hash) -> nameByHash.putIfAbsent(hash, name));
  }

  /** The short id of the snapshot shipped. */
  String snapshotId() {
    return snapshot.id().shortId();
  }

  /** Completes with how many entries were sent once {@code node} holds the verified snapshot. */
  Future<Integer> ship(Roll roll, Participant node) {
    JsonObject stage = new JsonObject().put("roll", roll.id).put("manifest", manifest.toJson());
    return roll.client
        .command(node.nodeId, "stage", stage, roll.watch)
        .compose(
            answer -> {
              JsonArray asked = answer.getJsonArray("missing", new JsonArray());
              List<String> missing = new ArrayList<>(asked.size());
              for (int i = 0; i < asked.size(); i++) {
                missing.add(asked.getString(i));
              }
              return sendBatches(roll, node, batches(missing), 0)
                  .compose(sent -> roll.command(node, "assemble"))
                  .map(assembled -> missing.size());
            });
  }

  private Future<Void> sendBatches(Roll roll, Participant node, List<List<String>> batches, int i) {
    if (i == batches.size()) {
      return Future.succeededFuture();
    }
    JsonArray hashes = new JsonArray();
    JsonArray sizes = new JsonArray();
    Buffer payload = Buffer.buffer();
    for (String hash : batches.get(i)) {
      ByteBuffer content = entry(hash);
      byte[] bytes = new byte[content.remaining()];
      content.get(bytes);
      hashes.add(hash);
      sizes.add(bytes.length);
      payload.appendBytes(bytes);
    }
    JsonObject header =
        new JsonObject().put("roll", roll.id).put("hashes", hashes).put("sizes", sizes);
    return roll.client
        .command(node.nodeId, "blobs", header, payload, roll.watch)
        .compose(done -> sendBatches(roll, node, batches, i + 1));
  }

  private List<List<String>> batches(List<String> missing) {
    List<List<String>> batches = new ArrayList<>();
    List<String> current = new ArrayList<>();
    long bytes = 0;
    for (String hash : missing) {
      int size = entry(hash).remaining();
      if (!current.isEmpty() && bytes + size > BATCH_BYTES) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(hash);
      bytes += size;
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  private ByteBuffer entry(String hash) {
    String name = nameByHash.get(hash);
    if (name == null) {
      throw new IllegalArgumentException(
          "the node asked for an entry this snapshot lacks: " + hash);
    }
    return snapshot.resource(name).orElseThrow();
  }
}
