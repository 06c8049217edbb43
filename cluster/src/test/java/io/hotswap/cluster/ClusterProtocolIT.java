package io.hotswap.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.GenerationState;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster protocol between nodes that run in this JVM. */
class ClusterProtocolIT {
  @TempDir Path workDir;

  @Test
  void rollingReload_staleCodeDirectories_everyNodeEndsOnTheShippedSnapshot() {
    try (InProcessCluster cluster = new InProcessCluster()) {
      InProcessCluster.Node a = cluster.start(workDir, "node-a", Fixture.V1, InProcessCluster.KEY);
      InProcessCluster.Node b = cluster.start(workDir, "node-b", Fixture.V1, InProcessCluster.KEY);
      InProcessCluster.Node c = cluster.start(workDir, "node-c", Fixture.V1, InProcessCluster.KEY);
      Fixture.install(Fixture.V2.compile(workDir), a.codeDir());

      RollOutcome roll = Harness.await(a.cluster().reloadCluster(RollOptions.DEFAULTS));

      assertThat(roll.status()).as(roll.describe()).isEqualTo(RollOutcome.Status.COMPLETED);
      assertThat(roll.nodes())
          .extracting(NodeOutcome::name)
          .containsExactly("node-a", "node-b", "node-c");
      assertThat(roll.nodes()).allMatch(node -> node.step() == NodeOutcome.Step.ACTIVATED);
      for (InProcessCluster.Node node : cluster.nodes()) {
        assertThat(Harness.get(httpClient(node), node.port(), "/")).isNotNull();
        assertThat(node.hotSwap().activeGeneration().orElseThrow().snapshotId())
            .isEqualTo(roll.snapshotId());
      }
      ClusterStatus status = Harness.await(c.cluster().status());
      assertThat(status.nodes()).hasSize(3);
      assertThat(status.nodes().get(0).name()).isEqualTo("node-c");
      assertThat(status.nodes()).allMatch(node -> node.snapshotId().equals(roll.snapshotId()));

      RollOutcome again = Harness.await(b.cluster().reloadCluster(RollOptions.DEFAULTS));
      assertThat(again.status()).as(again.describe()).isEqualTo(RollOutcome.Status.COMPLETED);
      // Rolled out or rolled over, a retired generation leaves nothing behind: the cluster code
      // holds snapshots (bytes), never a generation's classes or loader.
      for (InProcessCluster.Node node : cluster.nodes()) {
        Awaitility.await(node.name() + " gen-1 and gen-2 collected")
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> {
                  System.gc();
                  return node.hotSwap().generations().stream()
                      .filter(info -> info.id() <= 2)
                      .allMatch(info -> info.state() == GenerationState.COLLECTED);
                });
      }
    }
  }

  @Test
  void twoPhaseReload_cutsEveryNodeOverToTheNewSnapshot() {
    try (InProcessCluster cluster = new InProcessCluster()) {
      InProcessCluster.Node a = cluster.start(workDir, "node-a", Fixture.V1, InProcessCluster.KEY);
      cluster.start(workDir, "node-b", Fixture.V1, InProcessCluster.KEY);
      Fixture.install(Fixture.V2.compile(workDir), a.codeDir());

      RollOutcome roll =
          Harness.await(
              a.cluster().reloadCluster(RollOptions.DEFAULTS.withMode(RollOptions.Mode.TWO_PHASE)));

      assertThat(roll.status()).as(roll.describe()).isEqualTo(RollOutcome.Status.COMPLETED);
      assertThat(roll.nodes()).allMatch(node -> node.step() == NodeOutcome.Step.ACTIVATED);
    }
  }

  @Test
  void rollingReload_nodeWithAnotherKey_refusesAndNothingMoves() {
    try (InProcessCluster cluster = new InProcessCluster()) {
      InProcessCluster.Node a = cluster.start(workDir, "node-a", Fixture.V1, InProcessCluster.KEY);
      InProcessCluster.Node b =
          cluster.start(
              workDir,
              "node-b",
              Fixture.V1,
              "another key, another cluster!!!".getBytes(StandardCharsets.UTF_8));
      Fixture.install(Fixture.V2.compile(workDir), a.codeDir());
      String before = a.hotSwap().activeGeneration().orElseThrow().snapshotId();

      RollOutcome roll = Harness.await(a.cluster().reloadCluster(RollOptions.DEFAULTS));

      assertThat(roll.status()).as(roll.describe()).isEqualTo(RollOutcome.Status.REFUSED);
      assertThat(roll.reason()).contains("HMAC");
      assertThat(a.hotSwap().activeGeneration().orElseThrow().snapshotId()).isEqualTo(before);
      ClusterStatus status = Harness.await(b.cluster().status());
      assertThat(status.nodes()).extracting(ClusterStatus.Node::name).containsExactly("node-b");
      assertThat(status.nodes().get(0).lastRefusal()).contains("HMAC");
    }
  }

  @Test
  void rollingReload_nodeLeavesUnderAbortPolicy_movedSurvivorsRollBackToOldVersion() {
    try (InProcessCluster cluster = new InProcessCluster()) {
      InProcessCluster.Node a = cluster.start(workDir, "node-a", Fixture.V1, InProcessCluster.KEY);
      InProcessCluster.Node b = cluster.start(workDir, "node-b", Fixture.V1, InProcessCluster.KEY);
      InProcessCluster.Node c = cluster.start(workDir, "node-c", Fixture.V1, InProcessCluster.KEY);
      String before = a.hotSwap().activeGeneration().orElseThrow().snapshotId();
      Fixture.install(Fixture.V2.compile(workDir), a.codeDir());
      RollOptions abort =
          new RollOptions(
              RollOptions.Mode.ROLLING, Duration.ofSeconds(2), RollOptions.NodeLossPolicy.ABORT);

      Future<RollOutcome> rolling = a.cluster().reloadCluster(abort);
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !b.hotSwap().activeGeneration().orElseThrow().snapshotId().equals(before));
      cluster.leave(c);
      RollOutcome roll = Harness.await(rolling);

      assertThat(roll.status()).as(roll.describe()).isEqualTo(RollOutcome.Status.ROLLED_BACK);
      assertThat(roll.nodes())
          .extracting(NodeOutcome::step)
          .containsExactly(
              NodeOutcome.Step.ROLLED_BACK, NodeOutcome.Step.ROLLED_BACK, NodeOutcome.Step.LEFT);
      assertThat(a.hotSwap().activeGeneration().orElseThrow().snapshotId()).isEqualTo(before);
      assertThat(b.hotSwap().activeGeneration().orElseThrow().snapshotId()).isEqualTo(before);
    }
  }

  private static io.vertx.core.http.HttpClient httpClient(InProcessCluster.Node node) {
    return node.vertx().createHttpClient();
  }
}
