package io.hotswap.internal.generation;

import io.hotswap.api.Bindings;
import io.hotswap.internal.endpoint.GenerationFileResolution;
import io.hotswap.internal.endpoint.Lanes;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The host's wrapper around one instance of a generation's entry class. Vert.x deploys the wrapper
 * with the generation's classloader; the wrapper re-builds the assigned context onto its lane's
 * event loop ({@code toBuilder()} keeps the deployment and its close future, so undeploy cancels
 * every timer and consumer the instance created) and runs the real entry there.
 *
 * <p>This is one of the two places that use Vert.x internals to run generation code (the other is
 * the endpoint dispatch); {@code GenerationContextIT} guards the assumptions.
 *
 * <p>Lifecycle: created by the supplier Vert.x calls once per instance, deployed once, undeployed
 * once. Its fields are written on deploy and read on undeploy, which Vert.x orders.
 */
final class GenerationInstance implements Deployable {
  /** Creates the instance's verticle; called once, on the instance's pinned context. */
  @FunctionalInterface
  interface Factory {
    Deployable create() throws Exception;
  }

  private final Factory factory;
  private final String name;
  private final GenerationScope scope;
  private final UnmodifiedCode compat;
  private final Lanes lanes;
  private final int lane;
  private final Duration startTimeout;
  private final InstanceBindings bindings;
  private final GenerationFiles files;
  private ContextInternal pinned;
  private ContextInternal given;
  private Deployable entry;
  private volatile Throwable startFailure;

  /**
   * @param files the generation's files; its file resolver goes on the instance's context
   * @param scope what the generation's instances share
   * @param compat how unmodified Vert.x code runs, when the verticle is such code (it then sees a
   *     facade as its {@code vertx}); {@code null} for binding-API entries
   */
  GenerationInstance(
      Factory factory,
      String name,
      Lanes lanes,
      int lane,
      Duration startTimeout,
      InstanceBindings bindings,
      GenerationFiles files,
      GenerationScope scope,
      UnmodifiedCode compat) {
    this.scope = scope;
    this.files = files;
    this.factory = factory;
    this.name = name;
    this.compat = compat;
    this.lanes = lanes;
    this.lane = lane;
    this.startTimeout = startTimeout;
    this.bindings = bindings;
  }

  @Override
  public Future<?> deploy(Context assigned) {
    pinned = ((ContextInternal) assigned).toBuilder().withEventLoop(lanes.loop(lane)).build();
    if (pinned.nettyEventLoop() != lanes.loop(lane)) {
      throw new IllegalStateException("instance context is not on the event loop of lane " + lane);
    }
    // Keyed by the parent-first interface itself: the same class for the host and generations.
    pinned.put(Bindings.class, bindings);
    pinned.put(GenerationFileResolution.CONTEXT_KEY, files.resolver());
    // Binding-API code keeps the pinned context itself, so Vertx.currentContext() in its handlers
    // unwraps to its own context, as on plain Vert.x; only unmodified code needs the facade.
    given = compat == null ? pinned : compat.context(pinned, scope, bindings);
    Promise<Object> started = pinned.promise();
    pinned.runOnContext(
        v -> {
          try {
            entry = factory.create();
            entry.deploy(given).onComplete((result, failure) -> settle(started, failure));
          } catch (InvocationTargetException failure) {
            started.tryFail(failure.getCause());
          } catch (Throwable failure) {
            started.tryFail(failure);
          }
        });
    // A failed start is reported to the supervisor, not to Vert.x: Vert.x 5.0.7 never removes a
    // deployment whose start failed from DefaultDeploymentManager#deploying, which would pin the
    // generation's classloader for the life of the Vert.x instance. So the deployment always
    // succeeds from Vert.x's point of view, and the supervisor undeploys it when any instance
    // failed (undeploy then closes the instance's contexts, timers and consumers as usual).
    return started
        .future()
        .compose(ok -> Future.all(bindings.opens()))
        .timeout(startTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .transform(
            result -> {
              bindings.seal();
              if (result.failed()) {
                Throwable cause = result.cause();
                startFailure =
                    cause instanceof java.util.concurrent.TimeoutException
                        ? new StartTimeoutException(
                            name
                                + " did not finish starting within "
                                + startTimeout.toMillis()
                                + " ms (start timeout)")
                        : compat == null ? cause : compat.explain(cause);
                entry = null;
              }
              return pinned.succeededFuture();
            });
  }

  private static void settle(Promise<Object> started, Throwable failure) {
    if (failure == null) {
      started.tryComplete();
    } else {
      started.tryFail(failure);
    }
  }

  @Override
  public Future<?> undeploy(Context assigned) {
    Deployable running = entry;
    if (running == null || pinned == null) {
      return ((ContextInternal) assigned).succeededFuture();
    }
    Promise<Object> stopped = pinned.promise();
    pinned.runOnContext(
        v -> {
          try {
            running.undeploy(given).onComplete((result, failure) -> settle(stopped, failure));
          } catch (Throwable failure) {
            stopped.tryFail(failure);
          }
        });
    return stopped
        .future()
        .andThen(
            done -> {
              pinned.remove(Bindings.class);
              entry = null;
              given = null;
            });
  }

  /** Why the entry failed to start, or {@code null} when it started. */
  Throwable startFailure() {
    return startFailure;
  }

  /** The bindings this instance made. */
  InstanceBindings bindings() {
    return bindings;
  }

  /** The instance's lane. */
  int lane() {
    return lane;
  }

  /** The instance's pinned context, once deployed. */
  ContextInternal context() {
    return pinned;
  }
}
