package io.hotswap.internal.cluster;

import io.hotswap.ReloadOutcome;
import io.vertx.core.json.JsonObject;

/** A node's reload outcome as it travels back to the node that runs the roll. Stateless. */
final class OutcomeJson {
  private OutcomeJson() {}

  static JsonObject of(ReloadOutcome outcome) {
    return new JsonObject()
        .put("status", outcome.status().name())
        .put("generation", outcome.generation())
        .put("snapshot", outcome.snapshotId())
        .put("durationMs", outcome.timings().total().toMillis())
        .put("error", outcome.failureMessage().orElse(""));
  }
}
