package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.CompatApp;
import io.hotswap.testing.CompatHost;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 6 in compat mode: the retired generations of an unmodified Vert.x application
 * (vertx-web router, event-bus service, periodic timer, second-level verticles, all behind host
 * facades) are collected, as the loader tracker proves with its weak references.
 */
class CompatCollectionLeakIT {
  private static final Duration GC_BOUND = Duration.ofSeconds(20);

  @TempDir Path workDir;

  @Test
  void retiredCompatGenerations_afterServingLoad_areAllCollected() {
    try (CompatHost host =
        CompatHost.start(workDir, CompatApp.V1, options -> options.leakTimeout(GC_BOUND))) {
      LoadDriver load = new LoadDriver(host.clientVertx(), host.port(), "/hello", 16).start();
      for (int i = 0; i < 8; i++) {
        CompatApp next = i % 2 == 0 ? CompatApp.V2 : CompatApp.V1;
        assertThat(host.install(next).activated()).isTrue();
        assertThat(host.get("/echo/x").body()).isEqualTo(next.version() + ":x");
        assertThat(host.post("/items", "{\"a\":1}").status()).isEqualTo(200);
        Harness.await(host.request("ticks.address", ""));
        io.vertx.core.http.WebSocketClient sockets = host.clientVertx().createWebSocketClient();
        io.vertx.core.http.WebSocket socket =
            Harness.await(sockets.connect(host.port(), "127.0.0.1", "/ws"));
        io.vertx.core.Promise<String> echoed = io.vertx.core.Promise.promise();
        socket.textMessageHandler(echoed::tryComplete);
        socket.writeTextMessage("x");
        assertThat(Harness.await(echoed.future())).isEqualTo(next.version() + ":x");
        Harness.await(socket.close());
        Harness.await(sockets.close());
      }
      // Generations that failed in start must be collected too.
      assertThat(host.install(CompatApp.V2_HANDSHAKE).failed()).isTrue();
      assertThat(host.install(CompatApp.V2_CASTS).failed()).isTrue();
      load.stop();
      assertThat(load.failed()).isZero();
      long active = host.hotSwap().activeGeneration().orElseThrow().id();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .untilAsserted(
              () -> {
                System.gc();
                assertThat(host.hotSwap().generations())
                    .filteredOn(info -> info.id() != active)
                    .hasSizeGreaterThanOrEqualTo(10)
                    .allSatisfy(
                        info ->
                            assertThat(info.state())
                                .as("gen-%d", info.id())
                                .isIn(GenerationState.COLLECTED, GenerationState.FAILED));
              });
      System.out.printf(
          "compat: %d retired generations collected, %d requests, 0 failed%n",
          host.hotSwap().generations().size() - 1, load.sent());
    }
  }
}
