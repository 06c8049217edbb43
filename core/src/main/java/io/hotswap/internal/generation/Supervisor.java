package io.hotswap.internal.generation;

import io.hotswap.GenerationInfo;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.StatusReport;
import io.hotswap.internal.cleanup.GenerationCleaner;
import io.hotswap.internal.endpoint.ActiveBindings;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.Lanes;
import io.hotswap.internal.endpoint.RequestTiming;
import io.hotswap.internal.spi.CutoverGate;
import io.hotswap.internal.state.CaffeineStateStore;
import io.hotswap.loader.LoaderTracker;
import io.hotswap.loader.ParentFirstPolicy;
import io.hotswap.loader.Snapshot;
import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.cleanup.LeakInspector;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that runs reloads. It serializes and coalesces them ({@link ReloadQueue}), refuses
 * what cannot run, takes the snapshot, and hands each {@link ReloadAttempt} to the {@link
 * ReloadPipeline}, which drives the generation through LOADING, STARTING and CHECKING, cuts over
 * with one write of the binding table ({@link Cutover}) and hands the previous generation to {@link
 * Retirement}. It keeps the history that status views show.
 *
 * <p>Design notes: blocking work (snapshot, define, scan) runs on the single thread {@code
 * hotswap-supervisor-1}; Vert.x work (deploy, undeploy) runs on host contexts. A reload's outcome
 * is reported as soon as the cutover is published; the previous generation drains and retires
 * concurrently with the next reload, bounded by {@code maxDraining}. A failure at any phase
 * undeploys what was deployed, leaves the active generation untouched and becomes a FAILED outcome,
 * never a failed future.
 *
 * <p>Thread-safe.
 */
public final class Supervisor {
  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  /** How long a retirement waits for the threads of the generation's code it stopped. */
  private static final Duration THREAD_STOP_BOUND = Duration.ofSeconds(2);

  private final HotSwapOptions options;
  private final ContextInternal hostContext;
  private final Cutover cutover;
  private final CodeLoader codeLoader;
  private final Retirement retirement;
  private final ReloadPipeline pipeline;
  private final SnapshotCache snapshots;
  private final SnapshotFileStore files;
  private final CaffeineStateStore store;
  private final BlockingWork blocking;
  private final ReloadQueue queue = new ReloadQueue(this::runReload);
  private final GenerationHistory history = new GenerationHistory();
  private final ReloadLog reloadLog = new ReloadLog();
  private final PlatformBaseline platform = new PlatformBaseline();
  private final RequestTiming timing = new RequestTiming();
  private long nextId = 1;
  private volatile boolean closing;

  /** Creates the supervisor of one application; endpoints must be open before the first load. */
  public Supervisor(
      Vertx vertx,
      HotSwapOptions options,
      Lanes lanes,
      EndpointRegistry endpoints,
      ActiveBindings active,
      LoaderTracker tracker,
      CaffeineStateStore store,
      UnmodifiedCode unmodified) {
    this.options = options;
    this.hostContext = lanes.hostContext(0);
    this.cutover = Cutover.of(active);
    this.store = store;
    this.snapshots = new SnapshotCache(options.snapshotCacheBytes());
    ClassLoader hostLoader = Supervisor.class.getClassLoader();
    this.files = openFileStore();
    this.codeLoader =
        new CodeLoader(
            options.codeSource(),
            options.allowWritableCodeSource(),
            ParentFirstPolicy.defaults().withPackages(options.parentFirstPackages()),
            hostLoader,
            options.mainVerticle().orElse(null),
            files);
    this.blocking = new BlockingWork(hostContext, hostLoader);
    GenerationStopper stopper = new GenerationStopper(vertx);
    GenerationCleaner cleaner = new GenerationCleaner(hostLoader, THREAD_STOP_BOUND, vertx);
    this.retirement =
        new Retirement(
            hostContext,
            stopper,
            tracker,
            options.drainTimeout(),
            cleaner,
            new LeakInspector(cleaner, options.leakHeapDumpDir(), options.applicationName()));
    ReloadPhases phases =
        new ReloadPhases(
            new CodeLoading(codeLoader, blocking),
            new GenerationStarter(
                vertx,
                lanes,
                endpoints,
                options.startTimeout(),
                store,
                options.mainDeployment(),
                unmodified,
                timing),
            new CandidateChecks(
                new HealthChecker(hostContext, options.checkTimeout()),
                WarmUpRunner.of(vertx, active.warmUps(), options, endpoints).orElse(null),
                snapshots),
            stopper,
            retirement);
    ErrorRateWatch errorRateWatch =
        options
            .autoRollback()
            .map(policy -> new ErrorRateWatch(hostContext, policy, () -> rollback("auto-rollback")))
            .orElse(null);
    this.pipeline = new ReloadPipeline(phases, cutover, errorRateWatch);
  }

  private static SnapshotFileStore openFileStore() {
    try {
      return SnapshotFileStore.inTempDir();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the directory where snapshots are materialized as files", e);
    }
  }

  /** Asks for a reload; see {@code HotSwap#reload(String)}. Never fails. */
  public Future<ReloadOutcome> reload(String trigger) {
    return queue.submit(new ReloadRequest(trigger, false));
  }

  /** Asks for a reload that is skipped (UNCHANGED) when the code's content hash is the same. */
  public Future<ReloadOutcome> reloadIfChanged(String trigger) {
    return queue.submit(new ReloadRequest(trigger, true));
  }

  /**
   * Asks for a reload to a snapshot kept in memory: {@code target} is a generation ({@code 7} or
   * {@code gen-7}) or a snapshot id. Never fails; an unknown or evicted target is REFUSED.
   */
  public Future<ReloadOutcome> reloadTo(String target, String trigger) {
    return queue.submit(new ReloadRequest(trigger, false, target));
  }

  /**
   * Asks for a reload to snapshot {@code target} (kept in memory) whose checked candidate waits at
   * {@code gate} for the cutover decision. Never fails; an abort is a FAILED outcome.
   */
  public Future<ReloadOutcome> reloadThrough(String target, String trigger, CutoverGate gate) {
    return queue.submit(new ReloadRequest(trigger, false, target, gate));
  }

  /** Snapshots the code source on the supervisor's thread (what a reload would load). */
  public Future<Snapshot> snapshotCodeSource() {
    return blocking.submit(codeLoader::snapshot);
  }

  /**
   * Keeps {@code snapshot} (one shipped by another node) in the snapshot cache so that {@link
   * #reloadTo} can load it by its id.
   */
  public void keep(Snapshot snapshot) {
    snapshots.keep(snapshot);
  }

  /** The snapshots kept in memory now (the active generation's among them, unless evicted). */
  public Collection<Snapshot> keptSnapshots() {
    return snapshots.all();
  }

  /** Asks for a reload to the generation that was active before the current one. */
  public Future<ReloadOutcome> rollback(String trigger) {
    return queue.submit(new ReloadRequest(trigger, false, ReloadRequest.PREVIOUS));
  }

  /** Called with a value snapshot on every lifecycle change of every generation. */
  public void addListener(Consumer<GenerationInfo> listener) {
    history.addListener(listener);
  }

  /** The known generations, oldest first. */
  public List<GenerationInfo> generations() {
    return history.infos();
  }

  /** The active generation, if any. */
  public Optional<GenerationInfo> active() {
    Generation generation = cutover.current();
    return generation == null ? Optional.empty() : Optional.of(generation.info());
  }

  /** Everything status views show; completes once every lane answered. */
  public Future<StatusReport> status(List<Endpoint> endpoints) {
    return StatusCollector.collect(
        options.applicationName(), history.all(), endpoints, reloadLog, store, timing);
  }

  /**
   * Times every request and message dispatched from now on, so that status reports carry each
   * generation's {@link StatusReport.Timing}; idempotent.
   */
  public void timeRequests() {
    timing.turnOn();
  }

  /** The in-flight count of generation {@code id}; 0 when it has no ledger (any more). */
  public Future<Integer> inFlight(long id) {
    return history.inFlight(id);
  }

  private Future<ReloadOutcome> runReload(ReloadRequest request) {
    long began = System.nanoTime();
    Instant requestedAt = Instant.now();
    if (closing) {
      // Quietly: this is how close() waits for a running reload to end.
      return Future.succeededFuture(Outcomes.refused("the instance is closing", activeId()));
    }
    long draining = history.draining();
    if (draining >= options.maxDraining()) {
      return recorded(
          requestedAt,
          request,
          refusedLoudly(
              draining
                  + " generations are still draining (maxDraining "
                  + options.maxDraining()
                  + "); retry when one has retired"));
    }
    Generation previous = cutover.current();
    Future<Snapshot> source;
    if (request.target() == null) {
      source = blocking.submit(codeLoader::snapshot);
    } else {
      Optional<Snapshot> cached = snapshots.resolve(request.target(), previous, history);
      if (cached.isEmpty()) {
        return recorded(
            requestedAt,
            request,
            refusedLoudly(
                "no snapshot kept in memory for '"
                    + request.target()
                    + "' (unknown generation or snapshot, or evicted from the snapshot cache)"));
      }
      source = Future.succeededFuture(cached.get());
    }
    Promise<ReloadOutcome> outcome = hostContext.promise();
    source.onComplete(snapshot -> loadOrSkip(request, previous, began, snapshot, outcome));
    return outcome.future().andThen(done -> remember(requestedAt, request, done.result()));
  }

  /** LOADING begins, unless the snapshot says there is nothing to load. */
  private void loadOrSkip(
      ReloadRequest request,
      Generation previous,
      long began,
      AsyncResult<Snapshot> snapshot,
      Promise<ReloadOutcome> outcome) {
    // Only a snapshot of this host's own code source says what platform it needs: a kept one (a
    // rollback) ran on this platform already, a shipped one (a cluster roll) was checked where
    // it was taken.
    Optional<String> platformChange =
        snapshot.succeeded() && request.target() == null
            ? platform.refusal(snapshot.result())
            : Optional.empty();
    if (snapshot.failed()) {
      // No snapshot, no generation: report it like a failed load.
      pipeline.fail(attempt(request, previous, began, outcome), snapshot.cause());
    } else if (platformChange.isPresent()) {
      outcome.complete(refusedLoudly(platformChange.get()));
    } else if (request.onlyIfChanged() && snapshot.result().classNames().isEmpty()) {
      // A build that cleans its output first: wait for the classes to come back.
      outcome.complete(
          refusedLoudly(
              "the code source has no classes (a build in progress?); a reload follows"
                  + " when they are back"));
    } else if (request.onlyIfChanged()
        && previous != null
        && previous.info().snapshotId().equals(snapshot.result().id().shortId())) {
      outcome.complete(Outcomes.unchanged(previous));
    } else {
      pipeline.run(attempt(request, previous, began, outcome), snapshot.result());
    }
  }

  private ReloadAttempt attempt(
      ReloadRequest request, Generation previous, long began, Promise<ReloadOutcome> outcome) {
    Generation generation = history.open(nextId++, request.trigger());
    return new ReloadAttempt(request, previous, generation, began, outcome);
  }

  private Future<ReloadOutcome> recorded(
      Instant requestedAt, ReloadRequest request, ReloadOutcome outcome) {
    remember(requestedAt, request, outcome);
    return Future.succeededFuture(outcome);
  }

  private ReloadOutcome refusedLoudly(String reason) {
    LOG.warn("reload refused: {}", reason);
    return Outcomes.refused(reason, activeId());
  }

  private long activeId() {
    Generation active = cutover.current();
    return active == null ? 0 : active.id();
  }

  private void remember(Instant requestedAt, ReloadRequest request, ReloadOutcome outcome) {
    if (outcome != null) {
      reloadLog.add(requestedAt, request.trigger(), outcome);
    }
  }

  /**
   * Refuses further reloads, retires the active generation and waits for every generation still
   * draining.
   */
  public Future<Void> close() {
    closing = true;
    Promise<Void> closed = hostContext.promise();
    queue
        .submit(new ReloadRequest("close", false))
        .onComplete(
            ignored -> {
              pipeline.closeLast();
              retirement
                  .allRetired()
                  .onComplete(
                      done -> {
                        files.close();
                        closed.complete();
                      });
              blocking.shutdown();
            });
    return closed.future();
  }
}
