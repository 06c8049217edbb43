package io.hotswap.internal.generation;

import io.hotswap.MainDeployment;
import io.hotswap.api.StateStore;
import io.hotswap.internal.endpoint.Binding;
import io.hotswap.internal.endpoint.BindingTable;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.internal.endpoint.Lanes;
import io.hotswap.internal.endpoint.RequestTiming;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STARTING phase: deploys every entry of a loaded generation, one instance per lane unless the
 * entry asks for fewer, and turns the bindings the instances made into the generation's binding
 * table. Nothing is visible to traffic until the supervisor publishes that table.
 *
 * <p>Thread-safe: holds no mutable state of its own between calls.
 */
final class GenerationStarter implements ReloadPhases.Start {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationStarter.class);
  private final Vertx vertx;
  private final Lanes lanes;
  private final EndpointRegistry endpoints;
  private final Duration startTimeout;
  private final StateStore store;
  private final MainDeployment main;
  private final UnmodifiedCode unmodified;
  private final RequestTiming timing;

  GenerationStarter(
      Vertx vertx,
      Lanes lanes,
      EndpointRegistry endpoints,
      Duration startTimeout,
      StateStore store,
      MainDeployment main,
      UnmodifiedCode unmodified,
      RequestTiming timing) {
    this.unmodified = unmodified;
    this.timing = timing;
    this.store = store;
    this.main = main;
    this.vertx = vertx;
    this.lanes = lanes;
    this.endpoints = endpoints;
    this.startTimeout = startTimeout;
  }

  /**
   * Deploys the generation's entries. On failure the returned future fails with the first cause;
   * whatever was deployed is in the generation's deployments, for the caller to undeploy ({@link
   * GenerationStopper}).
   */
  @Override
  public Future<StartedGeneration> start(Generation generation, LoadedCode code) {
    InflightLedger ledger = new InflightLedger(lanes, timing);
    GenerationScope scope =
        new GenerationScope(
            generation.id(),
            code,
            (VertxInternal) vertx,
            lanes,
            endpoints,
            store,
            startTimeout,
            unmodified);
    List<GenerationInstance> instances = scope.instances();
    List<Future<String>> deployments = new ArrayList<>();
    for (LoadedCode.EntryPoint entry : code.entries()) {
      if (entry.compat()) {
        deployments.add(deployMain(generation, code, entry, scope));
        continue;
      }
      int count = entry.instances() == 0 ? lanes.size() : entry.instances();
      if (count > lanes.size()) {
        deployments.add(
            Future.failedFuture(
                new IllegalStateException(
                    entry.type().getName()
                        + " asks for "
                        + count
                        + " instances but the host has "
                        + lanes.size()
                        + " lanes")));
        continue;
      }
      AtomicInteger nextLane = new AtomicInteger();
      DeploymentOptions options =
          new DeploymentOptions()
              .setInstances(count)
              .setClassLoader(code.loader())
              .setThreadingModel(entry.threadingModel());
      deployments.add(
          vertx.deployVerticle(
              () ->
                  scope.instance(
                      () -> entry.type().getDeclaredConstructor().newInstance(),
                      entry.type().getName(),
                      nextLane.getAndIncrement(),
                      entry.compat()),
              options));
    }
    return Future.join(deployments)
        .transform(
            all -> {
              scope.seal();
              List<String> deployed = new ArrayList<>();
              Throwable firstFailure = null;
              for (Future<String> deployment : deployments) {
                if (deployment.succeeded()) {
                  deployed.add(deployment.result());
                } else if (firstFailure == null) {
                  firstFailure = deployment.cause();
                }
              }
              generation.started(deployed, ledger);
              if (firstFailure == null) {
                firstFailure = firstStartFailure(instances);
              }
              if (firstFailure != null) {
                return Future.failedFuture(firstFailure);
              }
              try {
                return Future.succeededFuture(
                    new StartedGeneration(table(generation, ledger, instances), hooks(instances)));
              } catch (RuntimeException invalid) {
                return Future.failedFuture(invalid);
              }
            });
  }

  /**
   * Deploys the main verticle of compat mode with the options of {@link MainDeployment}, read
   * afresh for this generation (a config file's current content). Its instances are pinned round
   * robin to the lanes, as Vert.x spreads instances over event loops.
   */
  private Future<String> deployMain(
      Generation generation, LoadedCode code, LoadedCode.EntryPoint entry, GenerationScope scope) {
    DeploymentOptions options;
    try {
      options = main.resolve();
    } catch (IllegalStateException unreadable) {
      return Future.failedFuture(
          new IllegalStateException(
              generation.label() + ": " + unreadable.getMessage(), unreadable));
    }
    options.setClassLoader(code.loader());
    LOG.info(
        "{} deploying main verticle {}: {} instance(s), {}, config keys {}",
        generation.label(),
        entry.type().getName(),
        options.getInstances(),
        options.getThreadingModel(),
        options.getConfig().fieldNames());
    AtomicInteger nextLane = new AtomicInteger();
    return vertx.deployVerticle(
        () ->
            scope.instance(
                () -> entry.type().getDeclaredConstructor().newInstance(),
                entry.type().getName(),
                nextLane.getAndIncrement() % lanes.size(),
                true),
        options);
  }

  private static List<InstanceHooks> hooks(List<GenerationInstance> instances) {
    List<InstanceHooks> hooks = new ArrayList<>();
    synchronized (instances) {
      for (GenerationInstance instance : instances) {
        InstanceBindings bindings = instance.bindings();
        if (bindings.declaredHealthCheck() != null || bindings.declaredHandOff() != null) {
          hooks.add(
              new InstanceHooks(
                  instance.context(), bindings.declaredHealthCheck(), bindings.declaredHandOff()));
        }
      }
    }
    return List.copyOf(hooks);
  }

  private static Throwable firstStartFailure(List<GenerationInstance> instances) {
    synchronized (instances) {
      for (GenerationInstance instance : instances) {
        if (instance.startFailure() != null) {
          return instance.startFailure();
        }
      }
    }
    return null;
  }

  private BindingTable table(
      Generation generation, InflightLedger ledger, List<GenerationInstance> instances) {
    Binding[][] byEndpoint = new Binding[endpoints.capacity()][];
    synchronized (instances) {
      for (GenerationInstance instance : instances) {
        for (Map.Entry<Endpoint, InstanceBindings.BoundHandler> bound :
            instance.bindings().bound().entrySet()) {
          Endpoint endpoint = bound.getKey();
          Binding[] perLane = byEndpoint[endpoint.index()];
          if (perLane == null) {
            perLane = new Binding[lanes.size()];
            byEndpoint[endpoint.index()] = perLane;
          }
          if (perLane[instance.lane()] != null && bound.getValue().shared()) {
            continue; // unmodified code: the first instance on a lane takes the lane's traffic
          }
          if (perLane[instance.lane()] != null) {
            throw new IllegalStateException(
                generation.label()
                    + ": endpoint '"
                    + endpoint.name()
                    + "' is bound by two entries; one endpoint takes one entry's handlers");
          }
          perLane[instance.lane()] =
              new Binding(
                  instance.context(),
                  bound.getValue().handler(),
                  bound.getValue().kind(),
                  generation.id(),
                  ledger,
                  true);
        }
      }
    }
    for (Binding[] perLane : byEndpoint) {
      if (perLane != null) {
        lendToLanesWithoutInstance(perLane);
      }
    }
    return new BindingTable(generation.id(), byEndpoint);
  }

  private static void lendToLanesWithoutInstance(Binding[] perLane) {
    List<Binding> owners = new ArrayList<>();
    for (Binding binding : perLane) {
      if (binding != null) {
        owners.add(binding);
      }
    }
    for (int lane = 0; lane < perLane.length; lane++) {
      if (perLane[lane] == null) {
        perLane[lane] = owners.get(lane % owners.size()).borrowed();
      }
    }
  }
}
