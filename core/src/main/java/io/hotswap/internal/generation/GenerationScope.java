package io.hotswap.internal.generation;

import io.hotswap.api.StateStore;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.Lanes;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the instances of one generation share while it starts: its id and classloader, the host's
 * lanes and endpoint registry, and the list of every instance deployed in it, including the
 * verticles that unmodified code deploys itself with {@code vertx.deployVerticle(...)}, so that
 * their {@code listen()} and {@code consumer()} calls become bindings of the same generation.
 *
 * <p>Thread-safe: the instance list is synchronized; {@code sealed} is volatile.
 */
public final class GenerationScope {
  private final long generation;
  private final ClassLoader loader;
  private final GenerationFiles files;
  private final VertxInternal host;
  private final Lanes lanes;
  private final EndpointRegistry registry;
  private final StateStore store;
  private final Duration startTimeout;
  private final List<GenerationInstance> instances =
      Collections.synchronizedList(new ArrayList<>());
  private final UnmodifiedCode unmodified;
  private volatile boolean sealed;

  GenerationScope(
      long generation,
      LoadedCode code,
      VertxInternal host,
      Lanes lanes,
      EndpointRegistry registry,
      StateStore store,
      Duration startTimeout,
      UnmodifiedCode unmodified) {
    this.unmodified = unmodified;
    this.generation = generation;
    this.loader = code.loader();
    this.files = code.files();
    this.host = host;
    this.lanes = lanes;
    this.registry = registry;
    this.store = store;
    this.startTimeout = startTimeout;
  }

  public long generation() {
    return generation;
  }

  /** The host Vert.x instance. */
  public VertxInternal host() {
    return host;
  }

  /** The generation's files: its materialized resources and its Vert.x file resolver. */
  public GenerationFiles files() {
    return files;
  }

  public EndpointRegistry registry() {
    return registry;
  }

  /** Every instance deployed in this generation so far (synchronize on it to iterate). */
  List<GenerationInstance> instances() {
    return instances;
  }

  /** The binding table was built: instances deployed from now on cannot bind. */
  void seal() {
    sealed = true;
  }

  /** Creates (and records) one instance pinned to {@code lane}. */
  GenerationInstance instance(
      GenerationInstance.Factory factory, String name, int lane, boolean compat) {
    InstanceBindings bindings = new InstanceBindings(generation, lane, registry, store);
    if (sealed) {
      bindings.seal();
    }
    GenerationInstance instance =
        new GenerationInstance(
            factory,
            name,
            lanes,
            lane,
            startTimeout,
            bindings,
            files,
            this,
            compat ? unmodified : null);
    instances.add(instance);
    return instance;
  }

  /**
   * Deploys verticles that generation code asked for, as instances of this generation: the
   * generation's classloader, pinned lanes (round robin from lane 0), bindings of their own. The
   * calling context's deployment becomes the parent, so undeploying the generation undeploys them.
   */
  public Future<String> deploy(
      Supplier<? extends Deployable> supplier, String name, DeploymentOptions o) {
    ContextInternal caller = host.getOrCreateContext();
    DeploymentOptions options = new DeploymentOptions(o).setClassLoader(loader);
    AtomicInteger next = new AtomicInteger();
    List<GenerationInstance> mine = Collections.synchronizedList(new ArrayList<>());
    return host.deployVerticle(
            () -> {
              GenerationInstance instance =
                  instance(supplier::get, name, next.getAndIncrement() % lanes.size(), true);
              mine.add(instance);
              return instance;
            },
            options)
        .compose(
            id -> {
              Throwable failure = null;
              synchronized (mine) {
                for (GenerationInstance instance : mine) {
                  if (failure == null && instance.startFailure() != null) {
                    failure = instance.startFailure();
                  }
                }
              }
              if (failure == null) {
                return caller.succeededFuture(id);
              }
              Throwable cause = failure;
              return host.undeploy(id).transform(undeployed -> caller.failedFuture(cause));
            });
  }

  /** Loads {@code name} ({@code java:} prefix allowed) from the generation's classloader. */
  public Class<? extends Deployable> load(String name) throws ClassNotFoundException {
    String className = name.startsWith("java:") ? name.substring(5) : name;
    return Class.forName(className, true, loader).asSubclass(Deployable.class);
  }
}
