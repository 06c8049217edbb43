package io.hotswap.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Renders the JSON status of an instance as human tables. Stateless. */
final class StatusTable {
  private StatusTable() {}

  static String render(JsonObject status) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "hotswap '%s' (pid %d), %d reloads%n",
            status.getString("name"),
            status.getLong("pid"),
            status.getLong("reloadCount")));
    JsonObject jvm = status.getJsonObject("jvm");
    if (jvm != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "metaspace %.1f MiB used, %d classes loaded (%d since start, %d unloaded)%n",
              jvm.getLong("metaspaceUsedBytes") / (1024.0 * 1024.0),
              jvm.getInteger("loadedClasses"),
              jvm.getLong("totalLoadedClasses"),
              jvm.getLong("unloadedClasses")));
    }
    out.append(System.lineSeparator());
    out.append(
        String.format(
            Locale.ROOT,
            "%-5s %-10s %-13s %-9s %9s %9s %7s  %-24s %s%n",
            "GEN",
            "STATE",
            "SNAPSHOT",
            "TRIGGER",
            "IN-FLIGHT",
            "SERVED",
            "FAILED",
            "CREATED",
            "NOTE"));
    JsonArray generations = status.getJsonArray("generations");
    for (int i = 0; i < generations.size(); i++) {
      JsonObject generation = generations.getJsonObject(i);
      out.append(
          String.format(
              Locale.ROOT,
              "%-5d %-10s %-13s %-9s %9d %9d %7d  %-24s %s%n",
              generation.getLong("id"),
              generation.getString("state"),
              generation.getString("snapshotId"),
              generation.getString("trigger"),
              generation.getInteger("inFlight"),
              generation.getLong("served"),
              generation.getLong("failed", 0L),
              seconds(generation.getString("createdAt")),
              note(generation)));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n%-16s %-10s %-24s %6s  %s%n",
            "ENDPOINT",
            "KIND",
            "ADDRESS",
            "OPEN",
            "SHED"));
    JsonArray endpoints = status.getJsonArray("endpoints");
    for (int i = 0; i < endpoints.size(); i++) {
      JsonObject endpoint = endpoints.getJsonObject(i);
      out.append(
          String.format(
              Locale.ROOT,
              "%-16s %-10s %-24s %6d  %s%n",
              endpoint.getString("name"),
              endpoint.getString("kind"),
              endpoint.getString("address"),
              endpoint.getInteger("openConnections"),
              shed(endpoint)));
    }
    JsonObject store = status.getJsonObject("store");
    if (store != null) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nSTATE STORE  %d entries, %d hits, %d misses, %d evictions%n",
              store.getLong("entries"),
              store.getLong("hits"),
              store.getLong("misses"),
              store.getLong("evictions")));
    }
    out.append(String.format(Locale.ROOT, "%nRECENT RELOADS%n"));
    JsonArray reloads = status.getJsonArray("recentReloads");
    for (int i = 0; i < reloads.size(); i++) {
      JsonObject reload = reloads.getJsonObject(i);
      out.append(
          String.format(
              Locale.ROOT,
              "%-24s %-8s %s%n",
              seconds(reload.getString("requestedAt")),
              reload.getString("trigger"),
              reload.getString("description")));
    }
    return out.toString();
  }

  /** An ISO-8601 instant cut to whole seconds, for a table cell. */
  private static String seconds(String instant) {
    return instant == null
        ? ""
        : java.time.Instant.parse(instant)
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            .toString();
  }

  /** What a gateway shed: frames dropped, refused as slow, connections closed as slow. */
  private static String shed(JsonObject endpoint) {
    JsonObject http = endpoint.getJsonObject("inFlightLoad");
    if (http != null) {
      return String.format(
          Locale.ROOT,
          "%d in flight (limit %d), %d answered 503",
          http.getInteger("inFlight"),
          http.getInteger("maxInFlight"),
          http.getLong("rejected"));
    }
    JsonObject load = endpoint.getJsonObject("gatewayLoad");
    if (load == null) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "%d written, %d dropped, %d slow, %d closed 1008, %d B pending",
        load.getLong("written"),
        load.getLong("dropped"),
        load.getLong("slow"),
        load.getLong("closedSlow"),
        load.getLong("pendingBytes"));
  }

  private static String note(JsonObject generation) {
    if (generation.getString("failure") != null) {
      return generation.getString("failure");
    }
    Long collected = generation.getLong("collectedAfterMillis");
    if (collected != null) {
      return "loader collected " + collected + " ms after retiring";
    }
    long cancelled = generation.getLong("cancelledAtDrain");
    String note = cancelled > 0 ? cancelled + " cancelled at the drain timeout" : "";
    JsonObject timing = generation.getJsonObject("timing");
    if (timing != null && timing.getLong("count", 0L) > 0) {
      note =
          (note.isEmpty() ? "" : note + "; ")
              + String.format(
                  Locale.ROOT,
                  "mean %.2f ms, max %.1f ms",
                  timing.getLong("totalNanos") / 1e6 / timing.getLong("count"),
                  timing.getLong("maxNanos") / 1e6);
    }
    JsonArray warnings = generation.getJsonArray("warnings");
    if (warnings != null && !warnings.isEmpty()) {
      note =
          (note.isEmpty() ? "" : note + "; ")
              + warnings.size()
              + " warning(s): "
              + warnings.getString(0);
    }
    return note;
  }
}
