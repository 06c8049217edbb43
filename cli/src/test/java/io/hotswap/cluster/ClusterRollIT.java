package io.hotswap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.CliRun;
import io.hotswap.testing.ClusterLoad;
import io.hotswap.testing.ClusterNode;
import io.hotswap.testing.ClusterNodes;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.KeepLogsOnFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide reloads across three node JVMs on loopback, started and observed the way an operator
 * does: {@code hotswap run} nodes, {@code hotswap reload --cluster} and {@code status --cluster}, a
 * client spreading requests over the nodes' HTTP ports.
 */
@ExtendWith(KeepLogsOnFailure.class)
class ClusterRollIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRollIT.class);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path workDir;

  @Test
  void rollingReload_underLoadWithStaleCodeDirectories_noFailedRequestAndAllEndOnNewSnapshot() {
    try (ClusterNodes cluster = threeNodes()) {
      // Only node-a's directory gets v2: node-b and node-c can run it only if it is shipped.
      Fixture.install(Fixture.V2.compile(workDir), codeDir("node-a"));
      try (ClusterLoad load = new ClusterLoad(ports(cluster), 8).start()) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() > 300);

        JsonObject roll = roll(cluster, "node-a");
        long okAfterRoll = load.ok();
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> load.ok() > okAfterRoll + 300);
        load.stop();

        LOG.info(
            "rolling reload of 3 nodes under load: {} ms; {} sent, {} ok, {} failed; fewest nodes"
                + " serving in {} samples: {}",
            roll.getLong("durationMillis"),
            load.sent(),
            load.ok(),
            load.failed(),
            load.rounds(),
            load.fewestServing());
        assertThat(roll.getString("status")).as(roll.encodePrettily()).isEqualTo("COMPLETED");
        assertThat(steps(roll)).containsExactly("ACTIVATED", "ACTIVATED", "ACTIVATED");
        assertThat(load.failed()).as("failed requests: " + load.failures()).isZero();
        assertThat(load.sent()).isEqualTo(load.ok());
        assertThat(load.rounds()).isGreaterThan(10);
        assertThat(load.fewestServing()).isGreaterThanOrEqualTo(2);
      }
      for (ClusterNode node : cluster.nodes()) {
        assertThat(get(node)).as(node.name()).isEqualTo("v2");
      }
      JsonObject status = status(cluster, "node-b");
      String shipped = status.getJsonArray("nodes").getJsonObject(0).getString("snapshotId");
      assertThat(nodes(status))
          .hasSize(3)
          .allSatisfy(node -> assertThat(node.getString("snapshotId")).isEqualTo(shipped))
          .allSatisfy(node -> assertThat(node.getString("state")).isEqualTo("ACTIVE"));
    }
  }

  @Test
  void rollingReload_failureOnSecondNode_firstRollsBackAndAllEndOnOldVersion() {
    try (ClusterNodes cluster = threeNodes()) {
      Fixture.install(Fixture.V3_FAILS_ON_NODE_B.compile(workDir), codeDir("node-a"));
      try (ClusterLoad load = new ClusterLoad(ports(cluster), 4).start()) {
        JsonObject roll = roll(cluster, "node-a");

        assertThat(roll.getString("status")).as(roll.encodePrettily()).isEqualTo("ROLLED_BACK");
        assertThat(steps(roll)).containsExactly("ROLLED_BACK", "FAILED", "NOT_REACHED");
        assertThat(roll.getString("reason")).contains("node-b").contains("node-b lacks");
        assertThat(nodes(roll).get(1).getString("message")).contains("node-b lacks");
        for (ClusterNode node : cluster.nodes()) {
          assertThat(get(node)).as(node.name()).isEqualTo("v1");
        }

        // Two-phase with the same code: nobody ever serves v3.
        JsonObject twoPhase = roll(cluster, "node-a", "--two-phase");
        load.stop();
        assertThat(twoPhase.getString("status")).as(twoPhase.encodePrettily()).isEqualTo("ABORTED");
        assertThat(steps(twoPhase)).containsExactly("ABORTED", "FAILED", "ABORTED");
        assertThat(load.failed()).as("failed requests: " + load.failures()).isZero();
      }
      for (ClusterNode node : cluster.nodes()) {
        assertThat(get(node)).as(node.name()).isEqualTo("v1");
      }
    }
  }

  @Test
  void rollingReload_nodeKilledMidRoll_reportsItAndSurvivorsEndOnOneVersion() throws Exception {
    try (ClusterNodes cluster = threeNodes()) {
      Fixture.install(Fixture.V2.compile(workDir), codeDir("node-a"));
      // The settle time keeps the roll on node-b long enough to kill node-c before its turn.
      CompletableFuture<JsonObject> rolling =
          CompletableFuture.supplyAsync(() -> roll(cluster, "node-a", "--settle", "3s"));
      ClusterNode b = cluster.node("node-b");
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "v2".equals(get(b)));
      cluster.node("node-c").kill();

      JsonObject roll = rolling.get(60, TimeUnit.SECONDS);

      assertThat(roll.getString("status")).as(roll.encodePrettily()).isEqualTo("COMPLETED");
      assertThat(steps(roll)).containsExactly("ACTIVATED", "ACTIVATED", "LEFT");
      assertThat(roll.getString("reason")).contains("1 left the cluster");
      assertThat(get(cluster.node("node-a"))).isEqualTo("v2");
      assertThat(get(b)).isEqualTo("v2");
      JsonObject status = status(cluster, "node-a");
      assertThat(nodes(status))
          .extracting(node -> node.getString("name"))
          .containsExactly("node-a", "node-b");
    }
  }

  private ClusterNodes threeNodes() {
    ClusterNodes cluster = ClusterNodes.start(workDir, 3, Fixture.V1);
    cluster.memberSource(ClusterNodes.MemberSource.STATUS).awaitMembers(3);
    return cluster;
  }

  private Path codeDir(String node) {
    return workDir.resolve(node).resolve("code");
  }

  private static JsonObject roll(ClusterNodes cluster, String node, String... options) {
    List<String> args =
        new java.util.ArrayList<>(List.of("reload", "--cluster", "--json", "--name", node));
    args.addAll(List.of(options));
    CliRun result = ClusterNodes.cli(args.toArray(String[]::new));
    try {
      return new JsonObject(result.out());
    } catch (RuntimeException e) {
      throw new AssertionError("not a roll: " + result.text() + "\n" + cluster.logs(), e);
    }
  }

  private static JsonObject status(ClusterNodes cluster, String node) {
    CliRun result = ClusterNodes.cli("status", "--cluster", "--json", "--name", node);
    assertThat(result.exitCode()).as(result.text() + "\n" + cluster.logs()).isZero();
    return new JsonObject(result.out());
  }

  private static List<JsonObject> nodes(JsonObject json) {
    JsonArray nodes = json.getJsonArray("nodes");
    return nodes.stream().map(JsonObject.class::cast).toList();
  }

  private static List<String> steps(JsonObject roll) {
    return nodes(roll).stream().map(node -> node.getString("step")).toList();
  }

  private static List<Integer> ports(ClusterNodes cluster) {
    return cluster.nodes().stream().map(ClusterNode::httpPort).toList();
  }

  private static String get(ClusterNode node) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (java.io.IOException e) {
      return "unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
