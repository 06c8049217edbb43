package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.GcAwait;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.Probe;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invariant 6 for gateways: generations that handled connection events (open, messages, group
 * joins, attributes, sends, close) are COLLECTED once retired, while the host keeps the connections
 * open.
 */
class GatewayCollectionLeakIT {
  private static final Duration GC_BOUND = Duration.ofSeconds(20);
  private static final int RELOADS = 6;

  @TempDir Path workDir;

  @BeforeEach
  void resetProbe() {
    Probe.reset();
  }

  @Test
  void retiredGenerations_thatHandledConnectionEvents_areCollected() {
    try (Harness harness =
        Harness.start(
            workDir,
            Fixture.GATEWAY_V1,
            options -> {
              Harness.gateways(options);
              options.leakTimeout(GC_BOUND);
            })) {
      WebSocketClient wsClient = harness.clientVertx().createWebSocketClient();
      NetClient tcp = harness.clientVertx().createNetClient();
      AtomicLong answers = new AtomicLong();
      List<WebSocket> sockets = new ArrayList<>();
      List<NetSocket> lines = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        WebSocket ws = Harness.await(wsClient.connect(harness.port(), "127.0.0.1", "/chat"));
        ws.textMessageHandler(text -> answers.incrementAndGet());
        sockets.add(ws);
        NetSocket socket =
            Harness.await(tcp.connect(harness.hotSwap().tcpPort("line"), "127.0.0.1"));
        socket.handler(bytes -> answers.incrementAndGet());
        lines.add(socket);
      }
      for (int reload = 0; reload < RELOADS; reload++) {
        long before = answers.get();
        for (int i = 0; i < sockets.size(); i++) {
          sockets.get(i).writeTextMessage(i % 2 == 0 ? "join:room" : "who");
          lines.get(i).write("hello\n");
        }
        sockets.get(0).writeTextMessage("shout:room:hi");
        await().atMost(Duration.ofSeconds(10)).until(() -> answers.get() >= before + 21);
        Fixture next = reload % 2 == 0 ? Fixture.GATEWAY_V2 : Fixture.GATEWAY_V1;
        assertThat(harness.install(next).activated()).isTrue();
      }
      // Close events are handled too, by the active generation.
      for (int i = 0; i < 5; i++) {
        Harness.await(sockets.get(i).close());
        Harness.await(lines.get(i).close());
      }
      long active = harness.hotSwap().activeGeneration().orElseThrow().id();

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  harness.hotSwap().generations().stream()
                      .filter(info -> info.id() != active)
                      .allMatch(info -> info.state().isFinished()));
      List<WeakReference<ClassLoader>> loaders = Probe.loaders();
      assertThat(loaders).hasSizeGreaterThanOrEqualTo(RELOADS + 1);
      int collected = 0;
      for (WeakReference<ClassLoader> loader : loaders) {
        ClassLoader alive = loader.get();
        if (alive != null && alive.getName().equals("hotswap-gen-" + active)) {
          continue;
        }
        alive = null;
        assertThat(GcAwait.awaitCollected(loader, GC_BOUND)).as("a retired loader").isTrue();
        collected++;
      }
      await()
          .atMost(GC_BOUND)
          .untilAsserted(
              () ->
                  assertThat(harness.hotSwap().generations())
                      .filteredOn(info -> info.id() != active)
                      .allSatisfy(
                          info -> assertThat(info.state()).isEqualTo(GenerationState.COLLECTED)));
      System.out.printf(
          "gateway leak check: %d retired generations collected (%d loader references),"
              + " connections still open: %d WebSockets, %d TCP%n",
          RELOADS,
          collected,
          sockets.stream().filter(ws -> !ws.isClosed()).count(),
          lines.size() - 5);
      Harness.await(wsClient.close());
      Harness.await(tcp.close());
    }
  }
}
