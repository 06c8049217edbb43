package io.hotswap.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the JSON cluster status (see {@code io.hotswap.cluster.ClusterJson}) as a table: one row
 * per node that answered, the asked node marked {@code *}, then the members that did not answer.
 * Stateless.
 */
final class ClusterStatusTable {
  private static final String ROW = "%-8s  %-12s %5s  %-13s %-10s %-20s %-36s %s%n";

  private ClusterStatusTable() {}

  static String render(JsonObject status) {
    JsonArray nodes = status.getJsonArray("nodes");
    JsonObject silent = status.getJsonObject("silent", new JsonObject());
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "cluster group '%s': %d nodes answered, %d did not%n%n",
            status.getString("group"),
            nodes.size(),
            silent.size()));
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            "NODE",
            "NAME",
            "GEN",
            "SNAPSHOT",
            "STATE",
            "HTTP",
            "LAST ROLL",
            "REFUSED"));
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject node = nodes.getJsonObject(i);
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              shortId(node.getString("nodeId")),
              node.getString("name") + (node.getBoolean("self", false) ? " *" : ""),
              node.getLong("activeGeneration"),
              orDash(node.getString("snapshotId")),
              node.getString("state"),
              orDash(http(node.getJsonObject("httpPorts", new JsonObject()))),
              orDash(node.getString("lastRoll")),
              orDash(node.getString("lastRefusal"))));
    }
    if (!silent.isEmpty()) {
      out.append(String.format(Locale.ROOT, "%nMEMBERS THAT DID NOT ANSWER%n"));
      for (String nodeId : silent.fieldNames().stream().sorted().toList()) {
        out.append(
            String.format(Locale.ROOT, "%-8s  %s%n", shortId(nodeId), silent.getString(nodeId)));
      }
    }
    return out.toString();
  }

  static String shortId(String nodeId) {
    return nodeId.length() > 8 ? nodeId.substring(0, 8) : nodeId;
  }

  /** {@code http:8080,admin:9090}, names in order. */
  private static String http(JsonObject ports) {
    List<String> pairs = new ArrayList<>();
    for (String name : ports.fieldNames().stream().sorted().toList()) {
      pairs.add(name + ":" + ports.getValue(name));
    }
    return String.join(",", pairs);
  }

  private static String orDash(String text) {
    return text == null || text.isEmpty() ? "-" : text;
  }
}
