package io.hotswap.internal.generation;

import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadOutcome.ReloadTimings;
import io.hotswap.internal.spi.CutoverGate;
import io.vertx.core.Promise;
import java.util.Optional;

/**
 * One reload on its way through the pipeline: what was asked, the generation it replaces, the
 * generation it made, when it began, and the promise its callers wait on. The phase timings are the
 * generation's lifecycle's. Immutable; the promise completes once.
 *
 * @param request what the trigger asked for
 * @param previous the active generation when the reload began, or {@code null}
 * @param generation the candidate generation
 * @param began {@code System.nanoTime()} when the reload began (before its snapshot was taken)
 * @param outcome completed with the reload's outcome, never failed
 */
record ReloadAttempt(
    ReloadRequest request,
    Generation previous,
    Generation generation,
    long began,
    Promise<ReloadOutcome> outcome) {

  /** The gate the checked candidate waits at, or {@code null} to cut over at once. */
  CutoverGate gate() {
    return request.gate();
  }

  /** The phase timings so far (a phase not reached ends now). */
  ReloadTimings timings() {
    return generation.lifecycle().timings(began);
  }

  /** The label of the generation that serves while this one is not active. */
  String servingInstead() {
    return previous == null ? "no generation is active" : previous.label() + " keeps serving";
  }

  /** Completes the outcome: the candidate is ACTIVE. */
  void activated() {
    outcome.tryComplete(
        new ReloadOutcome(
            ReloadOutcome.Status.ACTIVATED,
            generation.id(),
            previous == null ? 0 : previous.id(),
            generation.info().snapshotId(),
            timings(),
            Optional.empty(),
            generation.warnings()));
  }

  /** Completes the outcome: the candidate FAILED with {@code reported}. */
  void failed(Throwable reported) {
    outcome.tryComplete(
        Outcomes.failed(
            generation.id(), previous, generation.info().snapshotId(), timings(), reported));
  }
}
