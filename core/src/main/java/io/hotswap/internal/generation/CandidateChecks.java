package io.hotswap.internal.generation;

import io.hotswap.GenerationState;
import io.hotswap.internal.spi.CutoverGate;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CHECKING phase of a started candidate, everything between its start and its cutover: health
 * checks and state hand-off, warm-up, keeping its snapshot for rollback, and, for a two-phase
 * cluster roll, holding it at its {@link CutoverGate} until the decision. Any failure undeploys the
 * candidate, which then never took traffic.
 *
 * <p>Thread-safe: stateless beyond its thread-safe parts.
 */
final class CandidateChecks {
  private static final Logger LOG = LoggerFactory.getLogger(CandidateChecks.class);

  private final GenerationChecker checker;
  private final WarmUpRunner warmUp;
  private final SnapshotCache snapshots;
  private final GenerationStarter starter;
  private final GenerationHistory history;

  /** {@code warmUp} may be null (no warm-up configured). */
  CandidateChecks(
      GenerationChecker checker,
      WarmUpRunner warmUp,
      SnapshotCache snapshots,
      GenerationStarter starter,
      GenerationHistory history) {
    this.checker = checker;
    this.warmUp = warmUp;
    this.snapshots = snapshots;
    this.starter = starter;
    this.history = history;
  }

  /**
   * Checks {@code started} against {@code previous}, then waits at {@code gate} if there is one;
   * completes with the candidate ready to cut over, or fails once it is undeployed.
   */
  Future<StartedGeneration> check(
      Generation generation,
      Generation previous,
      StartedGeneration started,
      LoadedCode code,
      CutoverGate gate) {
    generation.state(GenerationState.CHECKING);
    history.changed(generation);
    return checker
        .check(generation, started.hooks(), previous)
        .compose(
            checked ->
                warmUp == null ? Future.succeededFuture() : warmUp.run(generation, started.table()))
        .compose(
            checked -> {
              generation.hooks(started.hooks());
              snapshots.keep(code.snapshot());
              return gate == null ? Future.succeededFuture() : hold(generation, gate);
            })
        .map(decided -> started)
        .recover(
            failure ->
                starter
                    .undeployAll(generation.deploymentIds())
                    .transform(undeployed -> Future.failedFuture(failure)));
  }

  /** Two-phase: the checked candidate waits for the gate's decision (an abort fails it). */
  private static Future<Void> hold(Generation generation, CutoverGate gate) {
    Future<Void> decision = gate.held(generation.id(), generation.info().snapshotId());
    if (!decision.isComplete()) {
      LOG.info("{} checked, held for a two-phase cutover", generation.label());
    }
    return decision;
  }
}
