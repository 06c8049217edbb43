package io.hotswap.internal.generation;

import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;

/**
 * The collaborators of the {@link ReloadPipeline}, one per phase of a reload: load (LOADING), start
 * (STARTING), check (CHECKING), undeploy a candidate that failed or a generation that drained, and
 * retire (DRAINING → RETIRED). They do the work of a phase; the pipeline moves the lifecycle. The
 * interfaces are the seams the pipeline's tests put in memory.
 *
 * @param load loads a snapshot into a generation classloader
 * @param start deploys the loaded entries and builds the candidate's binding table
 * @param check checks a started candidate before its cutover
 * @param stop undeploys a generation
 * @param retire drains and retires a replaced generation, or releases a failed one
 */
record ReloadPhases(Load load, Start start, Check check, Stop stop, Retire retire) {

  /** LOADING: defines, links and scans the classes of a snapshot. */
  interface Load {
    /** Loads {@code snapshot} for {@code generation}. */
    Future<LoadedCode> load(Generation generation, Snapshot snapshot);

    /** Called once the loaded code started: work that may wait until then. */
    default void started(Generation generation, LoadedCode code) {}
  }

  /** STARTING: deploys the entries; the candidate's table is not visible to traffic yet. */
  interface Start {
    /** Deploys {@code code}; on failure, what was deployed is in the generation's deployments. */
    Future<StartedGeneration> start(Generation generation, LoadedCode code);
  }

  /** CHECKING: everything between a candidate's start and its cutover. */
  interface Check {
    /** Checks {@code started} against {@code previous} (null on the first load). */
    Future<Void> check(
        Generation generation, Generation previous, StartedGeneration started, LoadedCode code);
  }

  /** Undeploys a generation's deployments. */
  interface Stop {
    /** Undeploys everything {@code generation} deployed; never fails. */
    Future<Void> undeploy(Generation generation);
  }

  /** The end of a generation's working life. */
  interface Retire {
    /** Drains, undeploys and releases {@code generation}, which is DRAINING. */
    void retire(Generation generation);

    /** Releases a generation that FAILED (already undeployed). */
    void release(Generation failed);
  }
}
