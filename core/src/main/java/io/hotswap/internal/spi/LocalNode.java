package io.hotswap.internal.spi;

import io.hotswap.GenerationInfo;
import io.hotswap.ReloadOutcome;
import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster parts need of the hotswap instance they run in: its name, what it runs, its
 * snapshots and its supervisor's reloads. Implementations are thread-safe.
 */
public interface LocalNode {

  /** The instance name. */
  String name();

  /** The active generation, if any. */
  Optional<GenerationInfo> active();

  /** The HTTP endpoints and the ports they are bound to. */
  Map<String, Integer> httpPorts();

  /** Snapshots the instance's own code source (on the supervisor's thread). */
  Future<Snapshot> snapshotCodeSource();

  /** The snapshots the instance keeps in memory. */
  Collection<Snapshot> keptSnapshots();

  /** Keeps a shipped snapshot so that it can be reloaded by its id. */
  void keep(Snapshot snapshot);

  /**
   * Reloads the kept snapshot {@code snapshotId} (short id) with its cutover held at {@code gate}
   * ({@link CutoverGate#open()} for none); never coalesced with other reloads.
   */
  Future<ReloadOutcome> reloadThrough(String snapshotId, String trigger, CutoverGate gate);
}
