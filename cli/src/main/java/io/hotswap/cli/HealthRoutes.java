package io.hotswap.cli;

import io.hotswap.GenerationInfo;
import io.hotswap.HotSwap;
import io.hotswap.ReloadRecord;
import io.hotswap.StatusReport;
import io.hotswap.management.StatusJson;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The probe endpoints of {@code --health}: {@code GET /ready} (200 while a generation is ACTIVE and
 * the instance is not stopping, else 503) for a load balancer's readiness probe, and {@code GET
 * /health} (200 while the host runs, with the generations' states and the last reload's outcome)
 * for a liveness probe. Anything else is 404, a method other than GET or HEAD 405.
 *
 * <p>Thread-safe: stateless beyond the {@link Readiness} it reads.
 */
final class HealthRoutes implements Handler<HttpServerRequest> {
  private final HotSwap hotSwap;
  private final Readiness readiness;

  HealthRoutes(HotSwap hotSwap, Readiness readiness) {
    this.hotSwap = hotSwap;
    this.readiness = readiness;
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    switch (request.path()) {
      case "/ready" -> answer(request, ready());
      case "/health" ->
          hotSwap
              .status()
              .onComplete(
                  status -> answer(request, health(status.succeeded() ? status.result() : null)));
      default -> request.response().setStatusCode(404).end();
    }
  }

  /** UP with the active generation, DOWN with no data before one is active and once stopping. */
  HealthJson ready() {
    Optional<GenerationInfo> active = readiness.active();
    return new HealthJson()
        .check(
            "generation",
            active.isPresent(),
            active
                .map(
                    info ->
                        new JsonObject()
                            .put("generation", info.id())
                            .put("snapshot", info.snapshotId())
                            .put("since", info.activatedAt().map(Object::toString).orElse(null)))
                .orElse(null));
  }

  /** UP (the host answers); the generations and the last reload as data. */
  HealthJson health(StatusReport report) {
    JsonArray generations = new JsonArray();
    for (GenerationInfo info : hotSwap.generations()) {
      generations.add(new JsonObject().put("id", info.id()).put("state", info.state().name()));
    }
    JsonObject data =
        new JsonObject()
            .put("ready", readiness.active().isPresent())
            .put("generations", generations);
    if (report != null) {
      List<ReloadRecord> reloads = report.recentReloads();
      if (!reloads.isEmpty()) {
        ReloadRecord last = reloads.get(reloads.size() - 1);
        data.put(
            "lastReload",
            StatusJson.of(last.outcome())
                .put("trigger", last.trigger())
                .put("requestedAt", last.requestedAt().toString()));
      }
    }
    return new HealthJson().check("host", true, data);
  }

  private static void answer(HttpServerRequest request, HealthJson health) {
    request
        .response()
        .setStatusCode(health.httpStatus())
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(health.json().encode());
  }
}
