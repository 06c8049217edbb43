package io.hotswap.internal;

import io.hotswap.GenerationInfo;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.StatusReport;
import io.hotswap.api.StateStore;
import io.hotswap.internal.compat.CompatMode;
import io.hotswap.internal.endpoint.ActiveBindings;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.hotswap.internal.endpoint.Lanes;
import io.hotswap.internal.endpoint.TcpEndpoint;
import io.hotswap.internal.generation.Supervisor;
import io.hotswap.internal.management.HotSwapManagement;
import io.hotswap.internal.spi.DispatchObserver;
import io.hotswap.internal.spi.HotSwapInternal;
import io.hotswap.internal.spi.LocalNode;
import io.hotswap.internal.state.CaffeineStateStore;
import io.hotswap.loader.CodeSource;
import io.hotswap.loader.CodeSourceWatcher;
import io.hotswap.loader.LoaderTracker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HotSwap} implementation: wires lanes, endpoints, the binding table, the loader tracker
 * and the supervisor of one application.
 *
 * <p>Thread-safe: {@link #start()} runs once; everything else delegates to thread-safe parts.
 */
public final class HotSwapInstance implements HotSwapInternal {
  private static final Logger LOG = LoggerFactory.getLogger(HotSwapInstance.class);

  private final Vertx vertx;
  private final HotSwapOptions options;
  private final ActiveBindings active = new ActiveBindings();
  private final CaffeineStateStore store;
  private final AtomicBoolean started = new AtomicBoolean();
  private final List<Consumer<GenerationInfo>> pendingListeners = new ArrayList<>();
  private volatile EndpointRegistry registry;
  private volatile Supervisor supervisor;
  private volatile boolean timeRequests;
  private volatile LoaderTracker tracker;
  private final List<Runnable> stopActions = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile HotSwapManagement management;
  private volatile CodeSourceWatcher watcher;
  private volatile ConfigFileWatch configWatch;
  private final List<Supplier<Future<Void>>> closeHooks = new CopyOnWriteArrayList<>();
  private volatile LocalNode localNode;

  /** Use {@link HotSwap#create}. */
  public HotSwapInstance(Vertx vertx, HotSwapOptions options) {
    VertxVersionCheck.requireSupported();
    this.vertx = vertx;
    this.options = options;
    this.store = new CaffeineStateStore(options.stateMaxEntries(), options.stateIdleTimeout());
  }

  @Override
  public Future<ReloadOutcome> start() {
    if (!started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("start() was already called"));
    }
    Lanes lanes;
    try {
      lanes = Lanes.of(vertx, options.lanes());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    List<Endpoint> endpoints;
    try {
      endpoints = HostEndpoints.create(vertx, options.endpoints(), lanes, active);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    registry = new EndpointRegistry(vertx, lanes, active, endpoints);
    tracker = new LoaderTracker(options.leakTimeout());
    Supervisor next =
        new Supervisor(vertx, options, lanes, registry, active, tracker, store, new CompatMode());
    synchronized (pendingListeners) {
      pendingListeners.forEach(next::addListener);
    }
    if (timeRequests) {
      next.timeRequests();
    }
    supervisor = next;
    localNode = new SupervisedNode(options.applicationName(), next, registry);
    List<Future<Void>> opened = new ArrayList<>();
    endpoints.forEach(endpoint -> opened.add(endpoint.open()));
    LOG.info(
        "{}: starting with code source {} on {} lanes",
        options.applicationName(),
        options.codeSource(),
        lanes.size());
    return Future.all(opened)
        .compose(all -> next.reload("start"))
        // Triggers last: a JMX or signal reload must find the instance complete.
        .andThen(
            first -> {
              if (first.succeeded()) {
                startTriggers();
              }
            });
  }

  private void startTriggers() {
    if (options.jmx()) {
      try {
        management = HotSwapManagement.register(this, this::requestStop);
      } catch (RuntimeException e) {
        LOG.error("{}: no JMX management: {}", options.applicationName(), e.getMessage());
      }
    }
    if (options.signals()) {
      SignalTriggers.install(options.applicationName(), () -> reload("signal"), this::requestStop);
    }
    if (options.watch()) {
      try {
        watcher =
            CodeSourceWatcher.start(
                CodeSource.of(options.codeSource(), options.allowWritableCodeSource()),
                new CodeSourceWatcher.WatchOptions(
                    options.watchQuietPeriod(), options.watchTriggerFile()),
                () -> reloadIfChanged("watch"));
      } catch (IOException | RuntimeException e) {
        LOG.error(
            "{}: cannot watch {}; reload with the other triggers",
            options.applicationName(),
            options.codeSource(),
            e);
      }
      configWatch = ConfigFileWatch.ofConfigFile(options, () -> reload("conf"));
    }
  }

  /** A management trigger asked to stop: close, then run the stop actions once. */
  @Override
  public void requestStop() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    LOG.info(
        "{}: stopping (drain timeout {} ms)",
        options.applicationName(),
        options.drainTimeout().toMillis());
    close()
        .onComplete(
            closed -> {
              for (Runnable action : stopActions) {
                try {
                  action.run();
                } catch (RuntimeException e) {
                  LOG.warn("{}: a stop action failed", options.applicationName(), e);
                }
              }
            });
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public LocalNode localNode() {
    LocalNode node = localNode;
    if (node == null) {
      throw new IllegalStateException("start() has not been called");
    }
    return node;
  }

  @Override
  public void onClose(Supplier<Future<Void>> hook) {
    closeHooks.add(Objects.requireNonNull(hook, "hook"));
  }

  @Override
  public void timeRequests() {
    timeRequests = true;
    Supervisor current = supervisor;
    if (current != null) {
      current.timeRequests();
    }
  }

  @Override
  public void observeDispatch(DispatchObserver observer) {
    active.observe(observer);
  }

  @Override
  public void onStop(Runnable action) {
    stopActions.add(action);
  }

  @Override
  public Future<ReloadOutcome> reload() {
    return reload("api");
  }

  @Override
  public Future<ReloadOutcome> reload(String trigger) {
    Supervisor current = supervisor;
    if (current == null) {
      return Future.failedFuture(new IllegalStateException("start() has not been called"));
    }
    return current.reload(trigger);
  }

  @Override
  public List<GenerationInfo> generations() {
    Supervisor current = supervisor;
    return current == null ? List.of() : current.generations();
  }

  @Override
  public Optional<GenerationInfo> activeGeneration() {
    Supervisor current = supervisor;
    return current == null ? Optional.empty() : current.active();
  }

  @Override
  public void addListener(Consumer<GenerationInfo> listener) {
    synchronized (pendingListeners) {
      pendingListeners.add(listener);
      Supervisor current = supervisor;
      if (current != null) {
        current.addListener(listener);
      }
    }
  }

  @Override
  public Future<ReloadOutcome> reloadIfChanged(String trigger) {
    Supervisor current = supervisor;
    if (current == null) {
      return Future.failedFuture(new IllegalStateException("start() has not been called"));
    }
    return current.reloadIfChanged(trigger);
  }

  @Override
  public Future<ReloadOutcome> reloadTo(String target) {
    Supervisor current = supervisor;
    if (current == null) {
      return Future.failedFuture(new IllegalStateException("start() has not been called"));
    }
    return current.reloadTo(target, "api");
  }

  @Override
  public Future<ReloadOutcome> rollback() {
    Supervisor current = supervisor;
    if (current == null) {
      return Future.failedFuture(new IllegalStateException("start() has not been called"));
    }
    return current.rollback("api");
  }

  @Override
  public StateStore store() {
    return store;
  }

  @Override
  public Future<StatusReport> status() {
    Supervisor current = supervisor;
    if (current == null) {
      return Future.failedFuture(new IllegalStateException("start() has not been called"));
    }
    return current.status(registry.list());
  }

  @Override
  public Future<Integer> inFlight(long generation) {
    Supervisor current = supervisor;
    return current == null ? Future.succeededFuture(0) : current.inFlight(generation);
  }

  @Override
  public int httpPort(String endpoint) {
    if (supervisor == null) {
      throw new IllegalStateException("start() has not bound the endpoints yet");
    }
    for (Endpoint candidate : registry.list()) {
      if (candidate.name().equals(endpoint) && candidate instanceof HttpEndpoint http) {
        return http.port();
      }
    }
    throw new IllegalArgumentException("no HTTP endpoint named '" + endpoint + "'");
  }

  @Override
  public int tcpPort(String endpoint) {
    if (supervisor == null) {
      throw new IllegalStateException("start() has not bound the endpoints yet");
    }
    for (Endpoint candidate : registry.list()) {
      if (candidate.name().equals(endpoint) && candidate instanceof TcpEndpoint tcp) {
        return tcp.port();
      }
    }
    throw new IllegalArgumentException("no TCP endpoint named '" + endpoint + "'");
  }

  @Override
  public HotSwapOptions options() {
    return options;
  }

  @Override
  public Future<Void> close() {
    Supervisor current = supervisor;
    if (current == null) {
      return Future.succeededFuture();
    }
    CodeSourceWatcher watching = watcher;
    if (watching != null) {
      watching.close();
    }
    if (configWatch != null) {
      configWatch.close();
    }
    HotSwapManagement managed = management;
    if (managed != null) {
      managed.close();
    }
    return runCloseHooks()
        .compose(v -> current.close())
        .compose(v -> registry.closeAll(options.drainTimeout()))
        .<Void>mapEmpty()
        .onComplete(
            done -> {
              LoaderTracker loaderTracker = tracker;
              if (loaderTracker != null) {
                loaderTracker.close();
              }
              LOG.info("{}: closed", options.applicationName());
            });
  }

  /** Runs the close hooks of the modules attached to this instance; a failed one is logged. */
  private Future<Void> runCloseHooks() {
    List<Future<Void>> closed = new ArrayList<>();
    for (Supplier<Future<Void>> hook : closeHooks) {
      Future<Void> done;
      try {
        done = hook.get();
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      closed.add(
          done.recover(
              e -> {
                LOG.warn("{}: a close hook failed", options.applicationName(), e);
                return Future.succeededFuture();
              }));
    }
    return Future.all(closed).mapEmpty();
  }
}
