package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.CompatApp;
import io.hotswap.testing.CompatHost;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compat mode: an unmodified Vert.x application (vertx-web, WebSocket handler, event bus, timer,
 * second-level deployVerticle, no hotswap import) reloads with the guarantees of the binding API.
 */
class CompatAppIT {
  private static final int CLIENTS = 32;
  private static final int RELOADS = 10;

  @TempDir Path workDir;

  @Test
  void unmodifiedApp_reloadUnderKeepAliveLoad_losesNoRequestAndSwitchesVersion() {
    try (CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      assertThat(host.get("/hello").body()).isEqualTo("v1");
      assertThat(host.post("/items", "{\"name\":\"pear\"}").body())
          .contains("\"name\":\"pear\"")
          .contains("\"version\":\"v1\"");
      assertThat(host.get("/echo/hi").body()).isEqualTo("v1:hi");
      assertThat(Harness.await(host.request("echo.address", "x"))).isEqualTo("v1:x");
      int port = host.port();

      LoadDriver load = new LoadDriver(host.clientVertx(), port, "/hello", CLIENTS).start();
      for (int i = 0; i < RELOADS; i++) {
        long before = load.ok();
        await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() >= before + 200);
        CompatApp next = i % 2 == 0 ? CompatApp.V2 : CompatApp.V1;
        ReloadOutcome outcome = host.install(next);
        assertThat(outcome.activated()).as(outcome.describe()).isTrue();
        // Answers, the second-level verticle and the event-bus service all switch version.
        assertThat(host.get("/hello").body()).isEqualTo(next.version());
        assertThat(host.get("/echo/hi").body()).isEqualTo(next.version() + ":hi");
        assertThat(Harness.await(host.request("echo.address", "x")))
            .isEqualTo(next.version() + ":x");
      }
      long before = load.ok();
      await().atMost(Duration.ofSeconds(10)).until(() -> load.ok() >= before + 200);
      load.stop();

      assertThat(load.failures()).isEmpty();
      assertThat(load.failed()).isZero();
      assertThat(load.ok()).isEqualTo(load.sent());
      Map<String, Integer> perVersion = new TreeMap<>();
      for (HttpAnswer answer : load.answers()) {
        perVersion.merge(answer.body(), 1, Integer::sum);
      }
      assertThat(perVersion.keySet()).containsExactly("v1", "v2");
      assertThat(host.port()).as("the host keeps the port").isEqualTo(port);
      // The periodic timer of the active generation runs; each retired one was cancelled.
      String ticks = Harness.await(host.request("ticks.address", ""));
      String last = (RELOADS - 1) % 2 == 0 ? "v2" : "v1";
      assertThat(ticks).startsWith(last + " ");
      System.out.printf(
          "compat reload under load: %d clients, %d reloads, %d sent, %d ok, %d failed, %s%n",
          CLIENTS, RELOADS, load.sent(), load.ok(), load.failed(), perVersion);
    }
  }

  @Test
  void bodiesOnEveryLane_withFewerInstancesThanLanes_reachTheBodyHandler() {
    // 2 HttpVerticle instances on 4 lanes: the host accepts only on the instances' lanes, as plain
    // Vert.x does. Bodies handed to another lane's instance: CompatInFlightIT (/read-body).
    try (CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      io.vertx.core.http.HttpClient fresh =
          host.clientVertx()
              .createHttpClient(
                  new io.vertx.core.http.HttpClientOptions().setKeepAlive(false),
                  new io.vertx.core.http.PoolOptions().setHttp1MaxSize(16));
      java.util.List<io.vertx.core.Future<Integer>> posts = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        posts.add(
            fresh
                .request(io.vertx.core.http.HttpMethod.POST, host.port(), "127.0.0.1", "/items")
                .compose(
                    request ->
                        request
                            .putHeader("content-type", "application/json")
                            .send("{\"n\":1}")
                            .map(response -> response.statusCode())));
      }
      Harness.await(io.vertx.core.Future.join(posts));
      assertThat(posts).allSatisfy(post -> assertThat(post.result()).isEqualTo(200));
      Harness.await(fresh.close());
    }
  }

  @Test
  void webSocket_staysWithTheGenerationThatAcceptedIt_newOnesReachTheNext() throws Exception {
    try (CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      WebSocketClient client = host.clientVertx().createWebSocketClient();
      Echo old = Echo.connect(client, host.port());
      assertThat(old.echo("a")).isEqualTo("v1:a");
      assertThat(host.install(CompatApp.V2).activated()).isTrue();
      assertThat(old.echo("b")).as("kept open across the reload").isEqualTo("v1:b");
      Echo fresh = Echo.connect(client, host.port());
      assertThat(fresh.echo("c")).isEqualTo("v2:c");
      assertThat(host.hotSwap().activeGeneration().orElseThrow().id()).isEqualTo(2);
      // Generation 1 serves its socket until the socket closes, then retires.
      assertThat(stateOf(host, 1)).isEqualTo(GenerationState.DRAINING);
      Harness.await(old.socket().close());
      await().atMost(Duration.ofSeconds(20)).until(() -> stateOf(host, 1).isFinished());
      assertThat(fresh.echo("d")).isEqualTo("v2:d");
      Harness.await(client.close());
    }
  }

  @Test
  void webSocket_ofARetiringGeneration_isClosedGoingAwayAtTheDrainTimeout() throws Exception {
    try (CompatHost host =
        CompatHost.start(
            workDir, CompatApp.V1, options -> options.drainTimeout(Duration.ofSeconds(1)))) {
      WebSocketClient client = host.clientVertx().createWebSocketClient();
      Echo old = Echo.connect(client, host.port());
      assertThat(old.echo("a")).isEqualTo("v1:a");
      assertThat(host.install(CompatApp.V2).activated()).isTrue();
      await().atMost(Duration.ofSeconds(20)).until(() -> old.socket().isClosed());
      assertThat(old.socket().closeStatusCode()).isEqualTo((short) 1001);
      Harness.await(client.close());
    }
  }

  private static GenerationState stateOf(CompatHost host, long id) {
    return host.hotSwap().generations().stream()
        .filter(info -> info.id() == id)
        .findFirst()
        .orElseThrow()
        .state();
  }

  /** A WebSocket client of the application's echo socket. */
  private record Echo(WebSocket socket, BlockingQueue<String> received) {
    static Echo connect(WebSocketClient client, int port) {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      WebSocket socket = Harness.await(client.connect(port, "127.0.0.1", "/ws"));
      socket.textMessageHandler(received::add);
      return new Echo(socket, received);
    }

    String echo(String text) throws InterruptedException {
      socket.writeTextMessage(text);
      String answer = received.poll(10, TimeUnit.SECONDS);
      assertThat(answer).as("an answer to " + text).isNotNull();
      return answer;
    }
  }

  @Test
  void portZero_keepsThePortTheHostPickedAcrossGenerations() {
    try (CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      int port = host.port();
      assertThat(port).isPositive();
      assertThat(host.install(CompatApp.V2).activated()).isTrue();
      assertThat(host.install(CompatApp.V1).activated()).isTrue();
      assertThat(host.port()).isEqualTo(port);
      assertThat(host.get("/hello").body()).isEqualTo("v1");
    }
  }

  @Test
  void portConflict_failsTheGenerationAndKeepsTheOldOneServing() throws Exception {
    try (ServerSocket taken = new ServerSocket(0);
        CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      System.setProperty("compat.conflict.port", Integer.toString(taken.getLocalPort()));
      try {
        ReloadOutcome outcome = host.install(CompatApp.V2_CONFLICT);
        assertThat(outcome.failed()).as(outcome.describe()).isTrue();
        assertThat(outcome.describe()).contains("http:" + taken.getLocalPort());
        assertThat(host.get("/hello").body()).isEqualTo("v1");
        assertThat(host.hotSwap().activeGeneration().orElseThrow().id()).isEqualTo(1);
        // The failed endpoint is gone: a later version may take the port once it is free.
        assertThat(host.install(CompatApp.V2).activated()).isTrue();
        assertThat(host.get("/hello").body()).isEqualTo("v2");
      } finally {
        System.clearProperty("compat.conflict.port");
      }
    }
  }

  @Test
  void versionThatDropsAndAddsRoutesAndAddresses_bindsExactlyWhatItDeclares() {
    try (CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      assertThat(host.get("/added").status()).isEqualTo(404);
      assertThat(host.install(CompatApp.V2_ADDS).activated()).isTrue();
      assertThat(host.get("/added").body()).isEqualTo("added v2");
      assertThat(Harness.await(host.request("added.address", ""))).isEqualTo("added v2");

      assertThat(host.install(CompatApp.V3_DROPS).activated()).isTrue();
      assertThat(host.get("/hello").body()).isEqualTo("v3");
      assertThat(host.get("/echo/hi").status()).isEqualTo(404);
      assertThat(host.get("/added").status()).isEqualTo(404);
      Throwable noHandler =
          host.request("echo.address", "x")
              .toCompletionStage()
              .toCompletableFuture()
              .handle((ok, failure) -> failure)
              .join();
      assertThat(noHandler).isInstanceOf(ReplyException.class);
      assertThat(noHandler).hasMessageContaining("no handler for endpoint 'bus:echo.address'");

      assertThat(host.install(CompatApp.V1).activated()).isTrue();
      assertThat(host.get("/echo/hi").body()).isEqualTo("v1:hi");
    }
  }

  @Test
  void listenOnTheDeclaredEndpointsPort_failsInsteadOfSharingIt() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    System.setProperty("compat.port", Integer.toString(port));
    try {
      assertThatThrownBy(
              () ->
                  CompatHost.start(
                      workDir,
                      CompatApp.V1,
                      options -> options.endpoint(EndpointSpec.http("api", port))))
          .hasMessageContaining("belongs to the declared HTTP endpoint 'api'");
    } finally {
      System.clearProperty("compat.port");
    }
  }

  @Test
  void unsupportedUses_failTheGenerationWithAClearMessage() {
    try (CompatHost host = CompatHost.start(workDir, CompatApp.V1, options -> {})) {
      ReloadOutcome net = host.install(CompatApp.V2_NET_SERVER);
      assertThat(net.failed()).isTrue();
      assertThat(net.describe()).contains("createNetServer() is not supported");

      ReloadOutcome ws = host.install(CompatApp.V2_HANDSHAKE);
      assertThat(ws.failed()).isTrue();
      assertThat(ws.describe()).contains("webSocketHandshakeHandler is not supported");

      ReloadOutcome cast = host.install(CompatApp.V2_CASTS);
      assertThat(cast.failed()).isTrue();
      assertThat(cast.describe()).contains("casts its Vert.x instance to an implementation class");

      assertThat(host.get("/hello").body()).isEqualTo("v1");
    }
  }
}
