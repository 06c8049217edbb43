package io.hotswap.internal.generation;

import io.vertx.core.Future;

/**
 * The CHECKING phase of a started candidate, everything that decides whether it may take traffic:
 * health checks and state hand-off ({@link HealthChecker}), warm-up ({@link WarmUpRunner}), then it
 * keeps the candidate's hooks (a later generation's hand-off reads them) and its snapshot (for
 * rollback). The {@link ReloadPipeline} moves the lifecycle, holds the checked candidate at a
 * two-phase gate and undeploys it when a check fails.
 *
 * <p>Thread-safe: stateless beyond its thread-safe parts.
 */
final class CandidateChecks implements ReloadPhases.Check {
  private final HealthChecker health;
  private final WarmUpRunner warmUp;
  private final SnapshotCache snapshots;

  /** {@code warmUp} may be null (no warm-up configured). */
  CandidateChecks(HealthChecker health, WarmUpRunner warmUp, SnapshotCache snapshots) {
    this.health = health;
    this.warmUp = warmUp;
    this.snapshots = snapshots;
  }

  @Override
  public Future<Void> check(
      Generation generation, Generation previous, StartedGeneration started, LoadedCode code) {
    return health
        .check(generation, started.hooks(), previous)
        .compose(
            checked ->
                warmUp == null ? Future.succeededFuture() : warmUp.run(generation, started.table()))
        .map(
            warmed -> {
              generation.hooks(started.hooks());
              snapshots.keep(code.snapshot());
              return null;
            });
  }
}
