package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.CliRun;
import io.hotswap.testing.ClusterNode;
import io.hotswap.testing.ClusterNodes;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.KeepLogsOnFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code hotswap run} as a cluster node: real node JVMs on loopback joining one cluster. */
@ExtendWith(KeepLogsOnFailure.class)
class ClusterRunIT {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRunIT.class);

  @TempDir Path workDir;

  @Test
  void run_threeNodesStaggered_formOneClusterAndAnswerStatusByName() {
    long started = System.nanoTime();
    try (ClusterNodes cluster = ClusterNodes.start(workDir, 3, Fixture.V1)) {
      cluster.awaitMembers(3);
      LOG.info(
          "3 staggered nodes ready in {} ms ({}), 3 members after {} ms",
          cluster.nodes().stream().mapToLong(node -> node.startup().toMillis()).sum(),
          cluster.nodes().stream()
              .map(node -> node.name() + " " + node.startup().toMillis() + " ms")
              .toList(),
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      for (ClusterNode node : cluster.nodes()) {
        Awaitility.await(node.name() + " to log 3 members; " + cluster.logs())
            .atMost(Duration.ofSeconds(60))
            .until(() -> cluster.memberCount(node) == 3);
        assertThat(node.output())
            .as(cluster.logs())
            .containsPattern(
                node.name()
                    + ": joined cluster '"
                    + cluster.clusterName()
                    + "' \\(group '"
                    + cluster.clusterName()
                    + "'\\) as node [0-9a-f-]+, \\d members");
      }

      CliRun status = ClusterNodes.cli("status", "--json", "--name", "node-b");
      assertThat(status.exitCode()).as(status.text() + "\n" + cluster.logs()).isZero();
      JsonObject json = new JsonObject(status.out());
      assertThat(json.getString("name")).isEqualTo("node-b");
      assertThat(json.getLong("pid")).isEqualTo(cluster.node("node-b").pid());
      assertThat(json.getJsonArray("generations").getJsonObject(0).getString("state"))
          .isEqualTo("ACTIVE");
    }
  }

  @Test
  void run_worldReadableKeyFile_exitsWithTheFixAndListensNowhere() throws Exception {
    Path key = ClusterNodes.writeKey(workDir.resolve("open.key"), ClusterNodes.newKey());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    try (ClusterNodes cluster = ClusterNodes.create(workDir)) {
      ClusterNode node = cluster.launch("node-a", Fixture.V1, key);

      assertThat(node.awaitExit(Duration.ofSeconds(60))).as(cluster.logs()).isEqualTo(2);
      assertThat(node.output())
          .as(cluster.logs())
          .contains("cluster key file " + key)
          .contains("chmod 600 " + key)
          .doesNotContain("serving");
      assertThat(listening(cluster.basePort())).as("cluster port still open").isFalse();
    }
  }

  /**
   * Nodes with different keys share the Hazelcast cluster (the key does not gate membership, the
   * cluster name does): what the key gates is every shipped snapshot and roll command, which the
   * node with the other key refuses. The cluster protocol's own ITs assert that refusal.
   */
  @Test
  void run_twoNodesWithDifferentKeys_stillJoinOneHazelcastCluster() {
    try (ClusterNodes cluster = ClusterNodes.create(workDir)) {
      cluster.start("node-a", Fixture.V1, cluster.keyFile());
      Path otherKey = ClusterNodes.writeKey(workDir.resolve("other.key"), ClusterNodes.newKey());
      cluster.start("node-b", Fixture.V1, otherKey);

      cluster.awaitMembers(2);
      Awaitility.await("node-b to log 2 members; " + cluster.logs())
          .atMost(Duration.ofSeconds(60))
          .until(() -> cluster.memberCount(cluster.node("node-b")) == 2);
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
