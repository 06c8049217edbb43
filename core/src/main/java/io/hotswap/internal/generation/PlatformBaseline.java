package io.hotswap.internal.generation;

import io.hotswap.loader.PlatformContent;
import io.hotswap.loader.Snapshot;
import java.util.Optional;

/**
 * The platform code (Vert.x, Netty, Jackson, SLF4J) the code source shipped when the host started,
 * which the host runs for its whole life: a later build whose platform part differs cannot take
 * effect by a reload — the host would keep running the old platform under the new code — so it is
 * refused with what changed, and the active generation keeps serving. The first snapshot loaded
 * sets the baseline.
 *
 * <p>Thread-safe.
 */
final class PlatformBaseline {
  private PlatformContent baseline;

  /**
   * Why {@code candidate} cannot be reloaded, e.g. {@code the platform changed (io.vertx:vertx-core
   * 5.0.7 -> 5.1.6): restart needed}; empty when its platform is the baseline's, or it is the
   * first.
   */
  synchronized Optional<String> refusal(Snapshot candidate) {
    PlatformContent platform = candidate.platform();
    if (baseline == null) {
      baseline = platform;
      return Optional.empty();
    }
    return baseline
        .changeTo(platform)
        .map(
            change ->
                "the platform changed ("
                    + change
                    + "): the host runs the platform it started with, so a restart is needed"
                    + " (the active generation keeps serving)");
  }
}
