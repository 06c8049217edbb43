package io.hotswap.internal.generation;

import io.hotswap.GenerationException;
import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadOutcome.ReloadTimings;
import io.hotswap.ReloadRecord;
import io.hotswap.StatusReport;
import io.hotswap.internal.endpoint.ActiveBindings;
import io.hotswap.internal.endpoint.BindingTable;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.internal.endpoint.Lanes;
import io.hotswap.internal.state.CaffeineStateStore;
import io.hotswap.loader.LoaderTracker;
import io.hotswap.loader.ParentFirstPolicy;
import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that runs reloads. It serializes and coalesces them ({@link ReloadQueue}), drives
 * each generation through LOADING, STARTING and CHECKING, cuts over with one write of the binding
 * table, and hands the previous generation to {@link Retirement}. It keeps the history that status
 * views show.
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
  private static final int HISTORY = 64;
  private static final int RELOAD_HISTORY = 32;

  private final HotSwapOptions options;
  private final ContextInternal hostContext;
  private final ActiveBindings active;
  private final CodeLoader codeLoader;
  private final GenerationStarter starter;
  private final Retirement retirement;
  private final GenerationChecker checker;
  private final SnapshotCache snapshots;
  private final CaffeineStateStore store;
  private final WarmUpRunner warmUp;
  private final ExecutorService blocking;
  private final ReloadQueue queue = new ReloadQueue(this::runReload);
  private final Deque<Generation> history = new ArrayDeque<>();
  private final Deque<ReloadRecord> reloads = new ArrayDeque<>();
  private long reloadCount;
  private final List<Consumer<GenerationInfo>> listeners = new CopyOnWriteArrayList<>();
  private long nextId = 1;
  private volatile Generation current;
  private volatile boolean closing;

  /** Creates the supervisor of one application; endpoints must be open before the first load. */
  public Supervisor(
      Vertx vertx,
      HotSwapOptions options,
      Lanes lanes,
      EndpointRegistry endpoints,
      ActiveBindings active,
      LoaderTracker tracker,
      CaffeineStateStore store) {
    this.options = options;
    this.hostContext = lanes.hostContext(0);
    this.active = active;
    this.store = store;
    this.checker = new GenerationChecker(hostContext, options.checkTimeout());
    this.snapshots = new SnapshotCache(options.snapshotCacheBytes());
    this.warmUp =
        options
            .warmUp()
            .map(
                settings ->
                    new WarmUpRunner(
                        vertx,
                        active,
                        settings,
                        () -> httpPort(endpoints.list(), settings.endpoint())))
            .orElse(null);
    ClassLoader hostLoader = Supervisor.class.getClassLoader();
    this.codeLoader =
        new CodeLoader(
            options.codeSource(),
            options.allowWritableCodeSource(),
            ParentFirstPolicy.defaults().withPackages(options.parentFirstPackages()),
            hostLoader,
            options.mainVerticle().orElse(null));
    this.starter = new GenerationStarter(vertx, lanes, endpoints, options.startTimeout(), store);
    this.retirement =
        new Retirement(
            hostContext, starter, tracker, options.drainTimeout(), hostLoader, this::changed);
    this.blocking =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "hotswap-supervisor-1");
              thread.setDaemon(true);
              thread.setContextClassLoader(hostLoader);
              return thread;
            });
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

  /** Asks for a reload to the generation that was active before the current one. */
  public Future<ReloadOutcome> rollback(String trigger) {
    return queue.submit(new ReloadRequest(trigger, false, ReloadRequest.PREVIOUS));
  }

  /** Called with a value snapshot on every lifecycle change of every generation. */
  public void addListener(Consumer<GenerationInfo> listener) {
    listeners.add(listener);
  }

  /** The known generations, oldest first. */
  public List<GenerationInfo> generations() {
    synchronized (history) {
      List<GenerationInfo> infos = new ArrayList<>(history.size());
      history.forEach(generation -> infos.add(generation.info()));
      return infos;
    }
  }

  /** The active generation, if any. */
  public Optional<GenerationInfo> active() {
    Generation generation = current;
    return generation == null ? Optional.empty() : Optional.of(generation.info());
  }

  /** Everything status views show; completes once every lane answered. */
  public Future<StatusReport> status(List<Endpoint> endpoints) {
    List<Generation> generations;
    synchronized (history) {
      generations = new ArrayList<>(history);
    }
    List<Future<StatusReport.GenerationStatus>> statuses = new ArrayList<>();
    for (Generation generation : generations) {
      InflightLedger ledger = generation.ledger();
      if (ledger == null) {
        statuses.add(
            Future.succeededFuture(
                new StatusReport.GenerationStatus(
                    generation.info(), 0, generation.servedAtRetirement())));
      } else {
        statuses.add(
            ledger
                .count()
                .compose(
                    inFlight ->
                        ledger
                            .served()
                            .map(
                                served ->
                                    new StatusReport.GenerationStatus(
                                        generation.info(), inFlight, served))));
      }
    }
    List<StatusReport.EndpointStatus> endpointStatus = new ArrayList<>();
    endpoints.forEach(endpoint -> endpointStatus.add(endpoint.status()));
    return Future.all(statuses)
        .map(
            all ->
                new StatusReport(
                    options.applicationName(),
                    all.list(),
                    endpointStatus,
                    reloads(),
                    reloadCount(),
                    store.status()));
  }

  /** The in-flight count of generation {@code id}; 0 when it has no ledger (any more). */
  public Future<Integer> inFlight(long id) {
    synchronized (history) {
      for (Generation generation : history) {
        if (generation.id() == id) {
          InflightLedger ledger = generation.ledger();
          return ledger == null ? Future.succeededFuture(0) : ledger.count();
        }
      }
    }
    return Future.succeededFuture(0);
  }

  private Future<ReloadOutcome> runReload(ReloadRequest request) {
    long began = System.nanoTime();
    Instant requestedAt = Instant.now();
    if (closing) {
      return Future.succeededFuture(
          new ReloadOutcome(
              ReloadOutcome.Status.REFUSED,
              0,
              current == null ? 0 : current.id(),
              "",
              ReloadTimings.NONE,
              Optional.of(new IllegalStateException("the instance is closing"))));
    }
    long draining = countDraining();
    if (draining >= options.maxDraining()) {
      return recorded(
          requestedAt,
          request,
          refused(
              draining
                  + " generations are still draining (maxDraining "
                  + options.maxDraining()
                  + "); retry when one has retired"));
    }
    Generation previous = current;
    Promise<ReloadOutcome> outcome = hostContext.promise();
    Future<Snapshot> source;
    if (request.target() == null) {
      source = onBlockingThread(codeLoader::snapshot);
    } else {
      Optional<Snapshot> cached = cachedSnapshot(request.target(), previous);
      if (cached.isEmpty()) {
        return recorded(
            requestedAt,
            request,
            refused(
                "no snapshot kept in memory for '"
                    + request.target()
                    + "' (unknown generation or snapshot, or evicted from the snapshot cache)"));
      }
      source = Future.succeededFuture(cached.get());
    }
    source.onComplete(
        snapshot -> {
          if (snapshot.failed()) {
            // No snapshot, no generation: report it like a failed load.
            Generation generation = newGeneration(request.trigger());
            fail(generation, previous, snapshot.cause(), began, new long[2], outcome);
          } else if (request.onlyIfChanged() && snapshot.result().classNames().isEmpty()) {
            // A build that cleans its output first: wait for the classes to come back.
            outcome.complete(
                refused(
                    "the code source has no classes (a build in progress?); a reload follows"
                        + " when they are back"));
          } else if (request.onlyIfChanged()
              && previous != null
              && previous.info().snapshotId().equals(snapshot.result().id().shortId())) {
            outcome.complete(unchanged(previous));
          } else {
            load(newGeneration(request.trigger()), previous, snapshot.result(), began, outcome);
          }
        });
    return outcome.future().andThen(done -> remember(requestedAt, request, done.result()));
  }

  private Generation newGeneration(String trigger) {
    Generation generation = new Generation(nextId++, trigger);
    remember(generation);
    LOG.info("{} LOADING (trigger: {})", generation.label(), trigger);
    changed(generation);
    return generation;
  }

  private void load(
      Generation generation,
      Generation previous,
      Snapshot snapshot,
      long began,
      Promise<ReloadOutcome> outcome) {
    long[] phaseEnds = new long[2];
    onBlockingThread(() -> codeLoader.load(generation.id(), snapshot))
        .compose(
            code -> {
              phaseEnds[0] = System.nanoTime();
              generation.loaded(code.snapshot().id().shortId(), code.loader());
              generation.state(GenerationState.STARTING);
              LOG.info("{} STARTING {} entries", generation.label(), code.entries().size());
              changed(generation);
              return starter
                  .start(generation, code)
                  .onSuccess(started -> reportShadowsLater(generation.id(), code))
                  .compose(started -> checkThenKeep(generation, previous, started, code));
            })
        .onComplete(
            started -> {
              try {
                if (started.failed()) {
                  fail(generation, previous, started.cause(), began, phaseEnds, outcome);
                } else {
                  phaseEnds[1] = System.nanoTime();
                  cutOver(
                      generation, previous, started.result().table(), began, phaseEnds, outcome);
                }
              } catch (RuntimeException | Error bug) {
                // Every caller must get an outcome, even if the supervisor itself is broken.
                LOG.error("{}: reload failed inside the supervisor", generation.label(), bug);
                outcome.tryComplete(
                    new ReloadOutcome(
                        ReloadOutcome.Status.FAILED,
                        generation.id(),
                        previous == null ? 0 : previous.id(),
                        "",
                        ReloadTimings.NONE,
                        Optional.of(GenerationException.detach(bug))));
              }
            });
  }

  /** CHECKING: health checks and state hand-off; a failure undeploys the candidate. */
  private Future<StartedGeneration> checkThenKeep(
      Generation generation, Generation previous, StartedGeneration started, LoadedCode code) {
    generation.state(GenerationState.CHECKING);
    changed(generation);
    return checker
        .check(generation, started.hooks(), previous)
        .compose(
            checked ->
                warmUp == null ? Future.succeededFuture() : warmUp.run(generation, started.table()))
        .map(
            checked -> {
              generation.hooks(started.hooks());
              snapshots.keep(code.snapshot());
              return started;
            })
        .recover(
            failure ->
                starter
                    .undeployAll(generation.deploymentIds())
                    .transform(undeployed -> Future.failedFuture(failure)));
  }

  private static int httpPort(List<Endpoint> endpoints, String name) {
    for (Endpoint endpoint : endpoints) {
      if (endpoint.name().equals(name) && endpoint instanceof HttpEndpoint http) {
        return http.port();
      }
    }
    throw new IllegalStateException("warm-up names no HTTP endpoint '" + name + "'");
  }

  private Optional<Snapshot> cachedSnapshot(String target, Generation active) {
    String snapshotId = target;
    List<Generation> known;
    synchronized (history) {
      known = new ArrayList<>(history);
    }
    if (target.equals(ReloadRequest.PREVIOUS)) {
      snapshotId = null;
      for (Generation generation : known) {
        if (active != null
            && generation.id() < active.id()
            && generation.info().activatedAt().isPresent()) {
          snapshotId = generation.info().snapshotId();
        }
      }
    } else {
      String number = target.startsWith("gen-") ? target.substring(4) : target;
      for (Generation generation : known) {
        if (Long.toString(generation.id()).equals(number)) {
          snapshotId = generation.info().snapshotId();
        }
      }
    }
    return snapshotId == null ? Optional.empty() : snapshots.find(snapshotId);
  }

  /** Rolls {@code generation} back if its early error rate breaks the policy. */
  private void watchErrorRate(
      Generation generation, Generation previous, HotSwapOptions.AutoRollback policy) {
    if (previous == null) {
      return;
    }
    hostContext.setTimer(
        policy.window().toMillis(),
        timer -> {
          InflightLedger ledger = generation.ledger();
          if (current != generation || ledger == null) {
            return;
          }
          ledger
              .served()
              .compose(served -> ledger.errors().map(errors -> new long[] {served, errors}))
              .onSuccess(
                  counts -> {
                    long served = counts[0];
                    long errors = counts[1];
                    double rate = served == 0 ? 0 : (double) errors / served;
                    if (served >= policy.minRequests() && rate > policy.maxErrorRate()) {
                      LOG.warn(
                          "{}: {} of {} requests failed in its first {} ms (limit {}%): rolling"
                              + " back",
                          generation.label(),
                          errors,
                          served,
                          policy.window().toMillis(),
                          Math.round(policy.maxErrorRate() * 100));
                      rollback("auto-rollback");
                    } else {
                      LOG.info(
                          "{}: {} of {} requests failed in its first {} ms: kept",
                          generation.label(),
                          errors,
                          served,
                          policy.window().toMillis());
                    }
                  });
        });
  }

  private ReloadOutcome unchanged(Generation active) {
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

  private Future<ReloadOutcome> recorded(
      Instant requestedAt, ReloadRequest request, ReloadOutcome outcome) {
    remember(requestedAt, request, outcome);
    return Future.succeededFuture(outcome);
  }

  private void remember(Instant requestedAt, ReloadRequest request, ReloadOutcome outcome) {
    if (outcome == null) {
      return;
    }
    synchronized (reloads) {
      reloads.addLast(new ReloadRecord(requestedAt, request.trigger(), outcome));
      while (reloads.size() > RELOAD_HISTORY) {
        reloads.removeFirst();
      }
      reloadCount++;
    }
  }

  /** The most recent reloads, oldest first. */
  public List<ReloadRecord> reloads() {
    synchronized (reloads) {
      return List.copyOf(reloads);
    }
  }

  /** How many reloads ended (any outcome) since start. */
  public long reloadCount() {
    synchronized (reloads) {
      return reloadCount;
    }
  }

  private void cutOver(
      Generation generation,
      Generation previous,
      BindingTable table,
      long began,
      long[] phaseEnds,
      Promise<ReloadOutcome> outcome) {
    active.publish(table);
    current = generation;
    generation.activated();
    ReloadTimings timings = timings(began, phaseEnds[0], phaseEnds[1]);
    LOG.info(
        "{} ACTIVE (snapshot {}), cut over in {} ms{}",
        generation.label(),
        generation.info().snapshotId(),
        timings.total().toMillis(),
        previous == null ? "" : "; " + previous.label() + " DRAINING");
    changed(generation);
    if (previous != null) {
      previous.state(GenerationState.DRAINING);
      changed(previous);
      retirement.retire(previous);
    }
    options.autoRollback().ifPresent(policy -> watchErrorRate(generation, previous, policy));
    outcome.complete(
        new ReloadOutcome(
            ReloadOutcome.Status.ACTIVATED,
            generation.id(),
            previous == null ? 0 : previous.id(),
            generation.info().snapshotId(),
            timings,
            Optional.empty()));
  }

  private void fail(
      Generation generation,
      Generation previous,
      Throwable cause,
      long began,
      long[] phaseEnds,
      Promise<ReloadOutcome> outcome) {
    Throwable reported = GenerationException.detach(unwrap(cause));
    generation.failed(reported.toString());
    LOG.error(
        "{} FAILED, {}: {}",
        generation.label(),
        previous == null ? "no generation is active" : previous.label() + " keeps serving",
        reported.toString(),
        reported);
    changed(generation);
    retirement.release(generation);
    long loaded = phaseEnds[0] == 0 ? System.nanoTime() : phaseEnds[0];
    outcome.tryComplete(
        new ReloadOutcome(
            ReloadOutcome.Status.FAILED,
            generation.id(),
            previous == null ? 0 : previous.id(),
            generation.info().snapshotId(),
            timings(began, loaded, System.nanoTime()),
            Optional.of(reported)));
  }

  private static Throwable unwrap(Throwable cause) {
    Throwable unwrapped = cause;
    while ((unwrapped instanceof java.util.concurrent.CompletionException
            || unwrapped instanceof java.util.concurrent.ExecutionException)
        && unwrapped.getCause() != null) {
      unwrapped = unwrapped.getCause();
    }
    return unwrapped;
  }

  private static ReloadTimings timings(long began, long loaded, long started) {
    return new ReloadTimings(
        Duration.ofNanos(loaded - began),
        Duration.ofNanos(Math.max(0, started - loaded)),
        Duration.ofNanos(System.nanoTime() - began));
  }

  private ReloadOutcome refused(String reason) {
    LOG.warn("reload refused: {}", reason);
    Generation active = current;
    return new ReloadOutcome(
        ReloadOutcome.Status.REFUSED,
        0,
        active == null ? 0 : active.id(),
        "",
        ReloadTimings.NONE,
        Optional.of(new IllegalStateException(reason)));
  }

  private void reportShadowsLater(long generation, LoadedCode code) {
    Snapshot snapshot = code.snapshot();
    blocking.execute(
        () -> {
          try {
            codeLoader.reportShadows(generation, snapshot);
          } catch (RuntimeException e) {
            LOG.warn("gen-{}: shadow report failed", generation, e);
          }
        });
  }

  private <T> Future<T> onBlockingThread(java.util.concurrent.Callable<T> work) {
    Promise<T> promise = hostContext.promise();
    CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.call();
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            blocking)
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                promise.complete(value);
              } else {
                promise.fail(unwrap(failure));
              }
            });
    return promise.future();
  }

  private long countDraining() {
    synchronized (history) {
      return history.stream().filter(g -> g.state() == GenerationState.DRAINING).count();
    }
  }

  private void remember(Generation generation) {
    synchronized (history) {
      history.addLast(generation);
      while (history.size() > HISTORY && history.peekFirst().state().isFinished()) {
        history.removeFirst();
      }
    }
  }

  private void changed(Generation generation) {
    GenerationInfo info = generation.info();
    for (Consumer<GenerationInfo> listener : listeners) {
      try {
        listener.accept(info);
      } catch (RuntimeException e) {
        LOG.warn("{}: lifecycle listener failed", generation.label(), e);
      }
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
              Generation last = current;
              current = null;
              active.publish(BindingTable.EMPTY);
              if (last != null) {
                last.state(GenerationState.DRAINING);
                changed(last);
                retirement.retire(last);
              }
              retirement.allRetired().onComplete(done -> closed.complete());
              blocking.shutdown();
            });
    return closed.future();
  }
}
