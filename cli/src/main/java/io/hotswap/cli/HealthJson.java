package io.hotswap.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON of {@code /ready} and {@code /health}, in vertx-health-check's shape so tools that read
 * it read these: {@code {"status":"UP","checks":[{"id":..,"status":"UP","data":{..}}],
 * "outcome":"UP"}}, {@code outcome} repeating {@code status} (MicroProfile Health's name). The
 * overall status is UP when every check is.
 *
 * <p>Not thread-safe; build one per answer.
 */
final class HealthJson {
  private final JsonArray checks = new JsonArray();
  private boolean up = true;

  /** Adds check {@code id} with its status and {@code data} (null for none). */
  HealthJson check(String id, boolean checkUp, JsonObject data) {
    JsonObject check = new JsonObject().put("id", id).put("status", status(checkUp));
    if (data != null) {
      check.put("data", data);
    }
    checks.add(check);
    up &= checkUp;
    return this;
  }

  /** Whether every check is UP. */
  boolean up() {
    return up;
  }

  /** The HTTP status a probe expects: 200 when UP, 503 when DOWN. */
  int httpStatus() {
    return up ? 200 : 503;
  }

  /** The document. */
  JsonObject json() {
    return new JsonObject()
        .put("status", status(up))
        .put("checks", checks)
        .put("outcome", status(up));
  }

  private static String status(boolean up) {
    return up ? "UP" : "DOWN";
  }
}
