package io.hotswap.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotswap.loader.Snapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnapshotStagingTest {
  private final EntryDigests digests = new EntryDigests();
  private final Snapshot old =
      Snapshot.of(Map.of("a/A.class", bytes("A1"), "a/B.class", bytes("B1")));
  private final Snapshot next =
      Snapshot.of(Map.of("a/A.class", bytes("A1"), "a/B.class", bytes("B2"), "x.txt", bytes("x")));

  @Test
  void staging_knownEntries_asksOnlyForWhatTheNodeLacksAndRebuildsTheSameSnapshot() {
    SnapshotManifest manifest = roundTrip(SnapshotManifest.of(next, digests.of(next)));
    SnapshotStaging staging = new SnapshotStaging(manifest, List.of(old), digests);

    assertThat(staging.missing())
        .containsExactlyInAnyOrder(
            EntryDigests.sha256(bytes("B2")), EntryDigests.sha256(bytes("x")));
    assertThat(staging.reused()).isEqualTo(1);
    staging.accept(EntryDigests.sha256(bytes("B2")), bytes("B2"));
    staging.accept(EntryDigests.sha256(bytes("x")), bytes("x"));

    assertThat(staging.assemble().id()).isEqualTo(next.id());
  }

  @Test
  void accept_corruptedEntry_isRejectedAndStaysMissing() {
    SnapshotStaging staging =
        new SnapshotStaging(SnapshotManifest.of(next, digests.of(next)), List.of(old), digests);
    String wanted = EntryDigests.sha256(bytes("B2"));

    assertThatThrownBy(() -> staging.accept(wanted, bytes("B3")))
        .hasMessageContaining("corrupted in transfer");
    assertThatThrownBy(() -> staging.accept(wanted, bytes("longer")))
        .hasMessageContaining("the manifest says 2");
    assertThat(staging.missing()).contains(wanted);
    assertThatThrownBy(staging::assemble).hasMessageContaining("never received");
  }

  @Test
  void assemble_manifestWhoseIdDoesNotMatchItsEntries_isRejected() {
    SnapshotManifest lying =
        new SnapshotManifest(old.id(), SnapshotManifest.of(next, digests.of(next)).entries());
    SnapshotStaging staging = new SnapshotStaging(lying, List.of(next), digests);

    assertThatThrownBy(staging::assemble).hasMessageContaining("not to the manifest's");
  }

  @Test
  void fromJson_entryNameThatEscapes_isRejected() {
    JsonObject json = SnapshotManifest.of(old, digests.of(old)).toJson();
    JsonArray first = json.getJsonArray("entries").getJsonArray(0);
    first.set(0, "../../etc/passwd");

    assertThatThrownBy(() -> SnapshotManifest.fromJson(json))
        .hasMessageContaining("bad entry name");
  }

  private static SnapshotManifest roundTrip(SnapshotManifest manifest) {
    return SnapshotManifest.fromJson(new JsonObject(manifest.toJson().encode()));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
