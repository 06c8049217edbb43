package io.hotswap.internal.generation;

import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadOutcome.ReloadTimings;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds reload outcomes and phase timings. Stateless. */
final class Outcomes {
  private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

  private Outcomes() {}

  /** A reload that was not attempted, for {@code reason}. */
  static ReloadOutcome refused(String reason, long activeId) {
    return new ReloadOutcome(
        ReloadOutcome.Status.REFUSED,
        0,
        activeId,
        "",
        ReloadTimings.NONE,
        Optional.of(new IllegalStateException(reason)));
  }

  /** A reload skipped because the snapshot is what {@code active} already runs. */
  static ReloadOutcome unchanged(Generation active) {
    String snapshotId = active.info().snapshotId();
    LOG.info("reload skipped: snapshot {} is what {} runs", snapshotId, active.label());
    return new ReloadOutcome(
        ReloadOutcome.Status.UNCHANGED,
        active.id(),
        active.id(),
        snapshotId,
        ReloadTimings.NONE,
        Optional.empty());
  }

  /** A reload whose generation {@code generation} failed with {@code cause}. */
  static ReloadOutcome failed(
      long generation,
      Generation previous,
      String snapshotId,
      ReloadTimings timings,
      Throwable cause) {
    return new ReloadOutcome(
        ReloadOutcome.Status.FAILED,
        generation,
        previous == null ? 0 : previous.id(),
        snapshotId,
        timings,
        Optional.of(cause));
  }

  /** Phase durations from {@code System.nanoTime()} readings; total runs until now. */
  static ReloadTimings timings(long began, long loaded, long started) {
    return new ReloadTimings(
        Duration.ofNanos(loaded - began),
        Duration.ofNanos(Math.max(0, started - loaded)),
        Duration.ofNanos(System.nanoTime() - began));
  }
}
