package io.hotswap.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Hands state from the active generation to its successor at cutover, Erlang's {@code code_change}
 * in hotswap's terms. While the new generation is CHECKING, the host asks the active one to {@link
 * #exportState()} and gives the result, with the exporter's {@link #version()}, to every instance
 * of the new one that registered an importer; only then does the new generation take traffic. A
 * failed or timed-out export or import fails the new generation, and the old one keeps serving.
 *
 * <p>The state crosses the boundary as plain JSON, so no class of either generation is shared. It
 * is a snapshot taken at cutover: updates the old generation makes after exporting are not in it —
 * keep state that must never lose an update in the {@link StateStore}. Called on the instance's own
 * context.
 */
public interface StateHandOff {

  /** The format version of the state this generation exports and understands, e.g. "2". */
  String version();

  /** Exports the state; {@code null} or an empty object means nothing to hand over. */
  default Future<JsonObject> exportState() {
    return Future.succeededFuture(null);
  }

  /**
   * Imports the predecessor's state, migrating it from {@code fromVersion} when that differs from
   * {@link #version()}.
   */
  default Future<Void> importState(JsonObject state, String fromVersion) {
    return Future.succeededFuture();
  }
}
