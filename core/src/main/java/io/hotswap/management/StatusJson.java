package io.hotswap.management;

import io.hotswap.GenerationInfo;
import io.hotswap.ReloadOutcome;
import io.hotswap.ReloadRecord;
import io.hotswap.StatusReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The stable JSON forms of a status report and of a reload outcome: what {@code bin/hotswap status
 * --json} and {@code reload --json} print. Field names only ever get added.
 *
 * <p>Stateless; thread-safe.
 */
public final class StatusJson {
  private StatusJson() {}

  /** The JSON form of {@code report}. */
  public static JsonObject of(StatusReport report) {
    JsonArray generations = new JsonArray();
    for (StatusReport.GenerationStatus generation : report.generations()) {
      generations.add(
          generation(generation.info())
              .put("inFlight", generation.inFlight())
              .put("served", generation.served())
              .put("failed", generation.failed())
              .put("timing", generation.timing().map(StatusJson::timing).orElse(null)));
    }
    JsonArray endpoints = new JsonArray();
    for (StatusReport.EndpointStatus endpoint : report.endpoints()) {
      endpoints.add(
          new JsonObject()
              .put("name", endpoint.name())
              .put("kind", endpoint.kind())
              .put("address", endpoint.address())
              .put("openConnections", endpoint.openConnections())
              .put("gatewayLoad", endpoint.gatewayLoad().map(StatusJson::load).orElse(null))
              .put(
                  "inFlightLoad",
                  endpoint.inFlightLoad().map(StatusJson::inFlightLoad).orElse(null)));
    }
    JsonArray reloads = new JsonArray();
    for (ReloadRecord reload : report.recentReloads()) {
      reloads.add(
          of(reload.outcome())
              .put("requestedAt", reload.requestedAt().toString())
              .put("trigger", reload.trigger()));
    }
    return new JsonObject()
        .put("name", report.name())
        .put("pid", ProcessHandle.current().pid())
        .put("generations", generations)
        .put("endpoints", endpoints)
        .put("reloadCount", report.reloadCount())
        .put(
            "store",
            new JsonObject()
                .put("entries", report.store().entries())
                .put("hits", report.store().hits())
                .put("misses", report.store().misses())
                .put("evictions", report.store().evictions()))
        .put("recentReloads", reloads)
        .put("jvm", jvm(report.jvm()));
  }

  private static JsonObject inFlightLoad(StatusReport.InFlightStatus load) {
    return new JsonObject()
        .put("inFlight", load.inFlight())
        .put("maxInFlight", load.maxInFlight())
        .put("rejected", load.rejected());
  }

  private static JsonObject load(StatusReport.GatewayLoadStatus load) {
    return new JsonObject()
        .put("pendingBytes", load.pendingBytes())
        .put("written", load.written())
        .put("dropped", load.dropped())
        .put("slow", load.slow())
        .put("closedSlow", load.closedSlow());
  }

  private static JsonObject jvm(StatusReport.JvmStatus jvm) {
    return new JsonObject()
        .put("metaspaceUsedBytes", jvm.metaspaceUsedBytes())
        .put("loadedClasses", jvm.loadedClasses())
        .put("totalLoadedClasses", jvm.totalLoadedClasses())
        .put("unloadedClasses", jvm.unloadedClasses());
  }

  /** The JSON form of {@code outcome}. */
  public static JsonObject of(ReloadOutcome outcome) {
    return new JsonObject()
        .put("status", outcome.status().name())
        .put("generation", outcome.generation())
        .put("previous", outcome.previous())
        .put("snapshotId", outcome.snapshotId())
        .put("totalMillis", outcome.timings().total().toMillis())
        .put("loadingMillis", outcome.timings().loading().toMillis())
        .put("startingMillis", outcome.timings().starting().toMillis())
        .put("failure", outcome.failure().map(Throwable::toString).orElse(null))
        .put("warnings", new JsonArray(outcome.warnings()))
        .put("description", outcome.describe());
  }

  private static JsonObject generation(GenerationInfo info) {
    return new JsonObject()
        .put("id", info.id())
        .put("state", info.state().name())
        .put("snapshotId", info.snapshotId())
        .put("trigger", info.trigger())
        .put("createdAt", info.createdAt().toString())
        .put("activatedAt", info.activatedAt().map(Object::toString).orElse(null))
        .put("retiredAt", info.retiredAt().map(Object::toString).orElse(null))
        .put("cancelledAtDrain", info.cancelledAtDrain())
        .put("collectedAfterMillis", info.timeToCollection().map(d -> d.toMillis()).orElse(null))
        .put("failure", info.failure().orElse(null))
        .put("warnings", new JsonArray(info.warnings()));
  }

  private static JsonObject timing(StatusReport.Timing timing) {
    return new JsonObject()
        .put("count", timing.count())
        .put("totalNanos", timing.totalNanos())
        .put("maxNanos", timing.maxNanos());
  }
}
