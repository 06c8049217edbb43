package io.hotswap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterJsonTest {

  private static final RollOutcome ROLLED_BACK =
      new RollOutcome(
          "roll-7",
          RollOutcome.Status.ROLLED_BACK,
          RollOptions.Mode.ROLLING,
          "abc123def456",
          "node-b failed",
          Duration.ofMillis(1234),
          List.of(
              new NodeOutcome(
                  "0123456789abcdef",
                  "node-a",
                  NodeOutcome.Step.ROLLED_BACK,
                  3,
                  "aaa",
                  "aaa",
                  Duration.ofMillis(80),
                  "went back"),
              new NodeOutcome(
                  "fedcba9876543210",
                  "node-b",
                  NodeOutcome.Step.FAILED,
                  0,
                  "aaa",
                  "aaa",
                  Duration.ZERO,
                  "boom in start")));

  @Test
  void of_rollOutcome_hasStableFieldsAndMillis() {
    JsonObject json = ClusterJson.of(ROLLED_BACK);

    assertThat(json.fieldNames())
        .containsExactlyInAnyOrder(
            "rollId",
            "status",
            "mode",
            "snapshotId",
            "reason",
            "durationMillis",
            "nodes",
            "description");
    assertThat(json.getString("status")).isEqualTo("ROLLED_BACK");
    assertThat(json.getString("mode")).isEqualTo("ROLLING");
    assertThat(json.getLong("durationMillis")).isEqualTo(1234L);
    assertThat(json.getString("description")).isEqualTo(ROLLED_BACK.describe());
    JsonObject first = json.getJsonArray("nodes").getJsonObject(0);
    assertThat(first.fieldNames())
        .containsExactlyInAnyOrder(
            "nodeId",
            "name",
            "step",
            "generation",
            "fromSnapshot",
            "toSnapshot",
            "durationMillis",
            "message",
            "description");
    assertThat(first.getString("step")).isEqualTo("ROLLED_BACK");
    assertThat(first.getLong("durationMillis")).isEqualTo(80L);
    assertThat(json.getJsonArray("nodes").getJsonObject(1).getString("name")).isEqualTo("node-b");
  }

  @Test
  void of_rollOutcome_survivesAJsonRoundTrip() {
    String encoded = ClusterJson.of(ROLLED_BACK).encode();

    assertThat(new JsonObject(encoded)).isEqualTo(ClusterJson.of(ROLLED_BACK));
  }

  @Test
  void of_clusterStatus_listsNodesAndSilentMembersInStableOrder() {
    ClusterStatus status =
        new ClusterStatus(
            "shop",
            List.of(
                new ClusterStatus.Node(
                    "0123456789abcdef",
                    "node-a",
                    true,
                    4,
                    "abc123def456",
                    "ACTIVE",
                    Map.of("http", 8080, "admin", 9090),
                    "roll-7 ACTIVATED gen-4",
                    ""),
                new ClusterStatus.Node(
                    "fedcba9876543210",
                    "node-b",
                    false,
                    2,
                    "0000aaaa1111",
                    "ACTIVE",
                    Map.of("http", 8081),
                    "",
                    "snapshot abc123def456: bad HMAC")),
            Map.of("zz-node", "no answer in 10 s", "aa-node", "group other"));

    JsonObject json = ClusterJson.of(status);

    assertThat(json.getString("group")).isEqualTo("shop");
    JsonObject a = json.getJsonArray("nodes").getJsonObject(0);
    assertThat(a.fieldNames())
        .containsExactlyInAnyOrder(
            "nodeId",
            "name",
            "self",
            "activeGeneration",
            "snapshotId",
            "state",
            "httpPorts",
            "lastRoll",
            "lastRefusal");
    assertThat(a.getBoolean("self")).isTrue();
    assertThat(a.getJsonObject("httpPorts").fieldNames()).containsExactly("admin", "http");
    assertThat(a.getJsonObject("httpPorts").getInteger("http")).isEqualTo(8080);
    assertThat(json.getJsonArray("nodes").getJsonObject(1).getString("lastRefusal"))
        .contains("bad HMAC");
    assertThat(json.getJsonObject("silent").fieldNames()).containsExactly("aa-node", "zz-node");
  }
}
