package io.hotswap.cluster;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Several cluster nodes in this JVM, each with its own clustered Vert.x (Hazelcast member), hotswap
 * instance and code directory: fast enough to exercise the cluster protocol in every build. The
 * multi-JVM tests cover what needs separate processes (killing a node, per-node behaviour). Not
 * thread-safe.
 */
final class InProcessCluster implements AutoCloseable {
  static final byte[] KEY = "an in-process test key of 32 b!!".getBytes(StandardCharsets.UTF_8);

  /** One node: its name, code directory, Vert.x and hotswap instance. */
  record Node(String name, Path codeDir, Vertx vertx, HotSwap hotSwap, HotSwapCluster cluster) {
    int port() {
      return hotSwap.httpPort("api");
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private final String clusterName = "it-" + UUID.randomUUID();
  private final int basePort = freePort();

  /** Starts a node whose code directory holds {@code initial}, with cluster key {@code key}. */
  Node start(Path workDir, String name, Fixture initial, byte[] key) {
    ClusterOptions cluster =
        ClusterOptions.builder(key)
            .clusterName(clusterName)
            .ports(basePort, 10)
            .commandTimeout(Duration.ofSeconds(10))
            .stepTimeout(Duration.ofSeconds(20))
            .build();
    Vertx vertx =
        Harness.await(ClusterHost.start(cluster, new VertxOptions().setEventLoopPoolSize(2)));
    Path codeDir = workDir.resolve(name);
    Fixture.install(initial.compile(workDir), codeDir);
    HotSwap hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(codeDir)
                .endpoint(EndpointSpec.http("api", 0))
                .endpoint(EndpointSpec.eventBus("greeter", Harness.GREETER + "." + name))
                .applicationName(name)
                .jmx(false)
                .startTimeout(Duration.ofSeconds(5))
                .drainTimeout(Duration.ofSeconds(5))
                .build());
    ReloadOutcome first = Harness.await(hotSwap.start());
    if (!first.activated()) {
      throw new AssertionError(name + " did not start: " + first.describe());
    }
    Node node =
        new Node(
            name, codeDir, vertx, hotSwap, Harness.await(HotSwapCluster.join(hotSwap, cluster)));
    nodes.add(node);
    return node;
  }

  /** Closes {@code node} and its Vert.x instance: it leaves the cluster, as a stopped node does. */
  void leave(Node node) {
    nodes.remove(node);
    try {
      Harness.await(node.hotSwap().close());
    } finally {
      Harness.await(node.vertx().close());
    }
  }

  List<Node> nodes() {
    return nodes;
  }

  @Override
  public void close() {
    for (Node node : nodes) {
      try {
        Harness.await(node.hotSwap().close());
      } finally {
        Harness.await(node.vertx().close());
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
