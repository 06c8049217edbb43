package io.hotswap.internal.compat;

import io.hotswap.internal.generation.GenerationScope;
import io.hotswap.internal.generation.InstanceBindings;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
// NetServerInternal, the return type of VertxInternal#createNetServer, is in io.vertx.core.net.impl
// on Vert.x 5.0 and in io.vertx.core.internal.net on 5.1; both packages exist on both, so the two
// on-demand imports name it on either (README, "Vert.x versions").
import io.vertx.core.internal.net.*;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.impl.*;
import io.vertx.core.shareddata.SharedData;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vertx} that unmodified Vert.x code sees inside a generation (compat mode): the host's
 * instance, except that servers and consumers become bindings to host endpoints, {@code
 * deployVerticle} deploys into the same generation, and {@code close()} leaves the host running.
 *
 * <ul>
 *   <li>{@code createHttpServer(...)} returns a {@link BoundHttpServer}: {@code listen(port)} binds
 *       its request handler to the host endpoint {@code http:<port>}, created on first use;
 *   <li>{@code eventBus()} returns a {@link BoundEventBus}: {@code consumer(address, handler)}
 *       binds to the host endpoint {@code bus:<address>}; sending, requesting and publishing go to
 *       the real bus;
 *   <li>{@code createNetServer(...)} fails: raw TCP servers are not supported transparently (use a
 *       TCP endpoint and {@code Bindings.connections});
 *   <li>{@code fileSystem()} and {@code fileResolver()} resolve classpath files against the
 *       generation's own snapshot, with a file cache of the generation's own;
 *   <li>{@code sharedData()} is the host's, except vertx-web's template cache, which is the
 *       generation's own ({@link GenerationSharedData});
 *   <li>everything else (timers, clients, shared data, executeBlocking, ...) is the host's, on the
 *       caller's context, so it is released when the generation retires.
 * </ul>
 *
 * <p>One per generation instance. Thread-safe as the host instance is.
 */
public final class GenerationVertx extends GenerationFilesVertx {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationVertx.class);

  private final InstanceBindings bindings;
  private final GenerationScope scope;
  private final SharedData sharedData;
  private volatile EventBus eventBus;

  public GenerationVertx(VertxInternal host, InstanceBindings bindings, GenerationScope scope) {
    super(host, scope.files());
    this.bindings = bindings;
    this.scope = scope;
    this.sharedData = new GenerationSharedData(host.sharedData(), "gen-" + scope.generation());
  }

  @Override
  public HttpServer createHttpServer(HttpServerOptions options) {
    return new BoundHttpServer(this, bindings, scope.registry(), options);
  }

  @Override
  public NetServerInternal createNetServer(NetServerOptions options) {
    throw new UnsupportedOperationException(
        "gen-"
            + scope.generation()
            + ": vertx.createNetServer() is not supported in a hotswap generation (a TCP server"
            + " of its own would share its port round robin with the previous generation):"
            + " declare a TCP endpoint and bind with Bindings.connections(...)");
  }

  @Override
  public EventBus eventBus() {
    EventBus bus = eventBus;
    if (bus == null) {
      bus = BoundEventBus.of(delegate.eventBus(), bindings, scope.registry(), this);
      eventBus = bus;
    }
    return bus;
  }

  /** The host's shared data, with a template cache of the generation's own. */
  @Override
  public SharedData sharedData() {
    return sharedData;
  }

  @Override
  public boolean isClustered() {
    boolean clustered = delegate.isClustered();
    if (clustered) {
      LOG.warn(
          "gen-{}: the host Vert.x is clustered; consumers bind to host endpoints, which are"
              + " cluster-wide, but clustered HA deployments are not supported in a generation",
          scope.generation());
    }
    return clustered;
  }

  @Override
  public Future<Void> close() {
    LOG.warn(
        "gen-{}: the application called vertx.close(); ignored: the host owns Vert.x (stop"
            + " hotswap instead)",
        scope.generation());
    return delegate.getOrCreateContext().succeededFuture();
  }

  @Override
  public Future<String> deployVerticle(
      Supplier<? extends Deployable> supplier, DeploymentOptions options) {
    return scope.deploy(supplier, "verticle from a supplier", options);
  }

  @Override
  public Future<String> deployVerticle(
      Class<? extends Deployable> verticleClass, DeploymentOptions options) {
    return scope.deploy(
        () -> {
          try {
            return verticleClass.getDeclaredConstructor().newInstance();
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + verticleClass.getName(), e);
          }
        },
        verticleClass.getName(),
        options);
  }

  @Override
  public Future<String> deployVerticle(String name, DeploymentOptions options) {
    Class<? extends Deployable> type;
    try {
      type = scope.load(name);
    } catch (ClassNotFoundException | ClassCastException | LinkageError e) {
      return delegate
          .getOrCreateContext()
          .failedFuture(
              new IllegalArgumentException(
                  "gen-"
                      + scope.generation()
                      + ": cannot deploy '"
                      + name
                      + "' from the generation's code (only Java verticles by class name are"
                      + " supported): "
                      + e,
                  e));
    }
    return deployVerticle(type, options);
  }
}
