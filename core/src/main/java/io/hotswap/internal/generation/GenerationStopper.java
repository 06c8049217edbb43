package io.hotswap.internal.generation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Undeploys what a generation deployed: a candidate that failed to start or check, or a retired
 * generation once it drained. Undeploying closes the generation's contexts, timers and consumers.
 *
 * <p>Thread-safe: stateless.
 */
final class GenerationStopper implements ReloadPhases.Stop {
  private final Vertx vertx;

  GenerationStopper(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Undeploys every deployment of {@code generation}, ignoring individual failures (they are logged
   * by Vert.x); never fails.
   */
  @Override
  public Future<Void> undeploy(Generation generation) {
    List<Future<Void>> undeployed = new ArrayList<>();
    for (String id : generation.deploymentIds()) {
      undeployed.add(vertx.undeploy(id));
    }
    return Future.join(undeployed).transform(ignored -> Future.succeededFuture());
  }
}
