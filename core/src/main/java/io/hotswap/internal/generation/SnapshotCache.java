package io.hotswap.internal.generation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hotswap.loader.Snapshot;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots of recent generations, kept in memory (bounded by their total bytes) so a rollback
 * or a reload to an earlier version needs no disk and goes through the same lifecycle. A snapshot
 * holds only bytes, never a classloader.
 *
 * <p>Thread-safe.
 */
final class SnapshotCache {
  private final Cache<String, Snapshot> snapshots;

  SnapshotCache(long maxBytes) {
    this.snapshots =
        Caffeine.newBuilder()
            // Maintained on the calling thread: a pool thread the reload thread started would
            // inherit its lower CPU priority.
            .executor(Runnable::run)
            .maximumWeight(maxBytes)
            .<String, Snapshot>weigher(
                (id, snapshot) -> (int) Math.min(Integer.MAX_VALUE, snapshot.totalBytes()))
            .build();
  }

  void keep(Snapshot snapshot) {
    snapshots.put(snapshot.id().shortId(), snapshot);
  }

  /**
   * The cached snapshot a reload target names: {@link ReloadRequest#PREVIOUS} (the generation
   * active before {@code active}), a generation ({@code 7} or {@code gen-7}) or a snapshot id.
   */
  Optional<Snapshot> resolve(String target, Generation active, GenerationHistory history) {
    Optional<Generation> generation;
    if (target.equals(ReloadRequest.PREVIOUS)) {
      generation = active == null ? Optional.empty() : history.lastActiveBefore(active.id());
    } else {
      String number = target.startsWith("gen-") ? target.substring(4) : target;
      generation = number.matches("\\d+") ? history.find(Long.parseLong(number)) : Optional.empty();
    }
    return find(generation.map(g -> g.info().snapshotId()).orElse(target));
  }

  /** Every snapshot kept now, in no particular order. */
  Collection<Snapshot> all() {
    return List.copyOf(snapshots.asMap().values());
  }

  /** The snapshot whose short id is {@code shortId}, if still cached. */
  Optional<Snapshot> find(String shortId) {
    return Optional.ofNullable(snapshots.getIfPresent(shortId));
  }
}
