package io.hotswap.internal.generation;

import io.hotswap.ReloadOutcome.ReloadTimings;
import io.hotswap.internal.endpoint.BindingTable;
import io.hotswap.internal.spi.CutoverGate;
import io.hotswap.loader.Snapshot;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one {@link ReloadAttempt} through its phases: LOADING → STARTING → CHECKING (held at the
 * attempt's gate, if any) → ACTIVE, the replaced generation then DRAINING; or, at the first
 * failure, undeploys what the candidate deployed and ends it FAILED while the active generation
 * keeps serving. Each phase is one method below; the work of a phase is a {@link ReloadPhases}
 * collaborator's, the lifecycle moves here. The attempt's outcome always completes, never fails.
 *
 * <p>Thread-safe: the supervisor runs one attempt at a time; each runs as a chain of futures.
 */
final class ReloadPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadPipeline.class);

  private final ReloadPhases phases;
  private final Cutover cutover;
  private final ErrorRateWatch errorRateWatch;

  /** {@code errorRateWatch} may be null (no auto-rollback). */
  ReloadPipeline(ReloadPhases phases, Cutover cutover, ErrorRateWatch errorRateWatch) {
    this.phases = phases;
    this.cutover = cutover;
    this.errorRateWatch = errorRateWatch;
  }

  /** Runs {@code attempt} from {@code snapshot} to its cutover, or to FAILED. */
  void run(ReloadAttempt attempt, Snapshot snapshot) {
    phases
        .load()
        .load(attempt.generation(), snapshot)
        .compose(code -> start(attempt, code).compose(started -> check(attempt, started, code)))
        .compose(checked -> hold(attempt).map(checked))
        .onComplete(ready -> end(attempt, ready));
  }

  /** LOADING → STARTING: deploys the loaded entries. */
  private Future<StartedGeneration> start(ReloadAttempt attempt, LoadedCode code) {
    Generation generation = attempt.generation();
    generation.loaded(code.snapshot().id().shortId(), code.loader(), code.files());
    generation.warnings(code.warnings());
    generation.starting(code.entries().size());
    return phases
        .start()
        .start(generation, code)
        .onSuccess(started -> phases.load().started(generation, code));
  }

  /** STARTING → CHECKING: checks the started candidate. */
  private Future<StartedGeneration> check(
      ReloadAttempt attempt, StartedGeneration started, LoadedCode code) {
    Generation generation = attempt.generation();
    generation.checking();
    return phases.check().check(generation, attempt.previous(), started, code).map(started);
  }

  /** Still CHECKING, two-phase: the checked candidate waits for its gate's decision. */
  private static Future<Void> hold(ReloadAttempt attempt) {
    CutoverGate gate = attempt.gate();
    if (gate == null) {
      return Future.succeededFuture();
    }
    Generation generation = attempt.generation();
    Future<Void> decision = gate.held(generation.id(), generation.info().snapshotId());
    if (!decision.isComplete()) {
      LOG.info("{} checked, held for a two-phase cutover", generation.label());
    }
    return decision;
  }

  private void end(ReloadAttempt attempt, AsyncResult<StartedGeneration> ready) {
    guarded(
        attempt,
        () -> {
          if (ready.failed()) {
            fail(attempt, ready.cause());
          } else {
            cutOver(attempt, ready.result().table());
          }
        });
  }

  /** CHECKING → ACTIVE: one write of the binding table; the replaced generation → DRAINING. */
  private void cutOver(ReloadAttempt attempt, BindingTable table) {
    Generation generation = attempt.generation();
    Generation previous = attempt.previous();
    cutover.publish(generation, table);
    generation.activated(
        "(snapshot "
            + generation.info().snapshotId()
            + "), cut over in "
            + attempt.timings().total().toMillis()
            + " ms"
            + (previous == null ? "" : "; " + previous.label() + " DRAINING"));
    if (previous != null) {
      previous.draining();
      phases.retire().retire(previous);
      if (errorRateWatch != null) {
        errorRateWatch.watch(generation, () -> cutover.current() == generation);
      }
    }
    attempt.activated();
  }

  /**
   * → FAILED: undeploys what the candidate deployed, then releases it; the active generation keeps
   * serving. Also the end of an attempt whose snapshot could not be taken.
   */
  void fail(ReloadAttempt attempt, Throwable cause) {
    Generation generation = attempt.generation();
    Throwable reported = DetachedFailure.of(BlockingWork.unwrap(cause));
    phases
        .stop()
        .undeploy(generation)
        .onComplete(
            undeployed ->
                guarded(
                    attempt,
                    () -> {
                      generation.failed(reported, attempt.servingInstead());
                      phases.retire().release(generation);
                      attempt.failed(reported);
                    }));
  }

  /** Closing: publishes the empty table and retires the generation that was active. */
  void closeLast() {
    Generation last = cutover.closeLast();
    if (last != null) {
      last.draining();
      phases.retire().retire(last);
    }
  }

  /** Every caller must get an outcome, even if the supervisor itself is broken. */
  private static void guarded(ReloadAttempt attempt, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | Error bug) {
      Generation generation = attempt.generation();
      LOG.error("{}: reload failed inside the supervisor", generation.label(), bug);
      attempt
          .outcome()
          .tryComplete(
              Outcomes.failed(
                  generation.id(),
                  attempt.previous(),
                  "",
                  ReloadTimings.NONE,
                  DetachedFailure.of(bug)));
    }
  }
}
