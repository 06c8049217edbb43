package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.GatewayLoad;
import io.hotswap.testing.Harness;
import io.hotswap.testing.Probe;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket gateway: connections held by the host survive every reload. */
class WebSocketGatewayIT {
  private static final int CONNECTIONS = 1000;
  private static final int RELOADS = 20;
  private static final Duration ROUND = Duration.ofSeconds(20);

  @TempDir Path workDir;

  @BeforeEach
  void resetProbe() {
    Probe.reset();
  }

  @Test
  void webSockets_heldAcrossReloads_areNeverDroppedAndAnsweredByTheActiveGeneration() {
    try (Harness harness = Harness.start(workDir, Fixture.GATEWAY_V1, Harness::gateways)) {
      List<WebSocket> sockets = new ArrayList<>();
      GatewayLoad load =
          new GatewayLoad(CONNECTIONS, (i, message) -> sockets.get(i).writeTextMessage(message));
      WebSocketClient client = client(harness);
      for (int batch = 0; batch < CONNECTIONS; batch += 100) {
        List<Future<WebSocket>> opening = new ArrayList<>();
        for (int i = batch; i < batch + 100; i++) {
          int index = i;
          opening.add(
              client
                  .connect(harness.port(), "127.0.0.1", "/chat")
                  .onSuccess(
                      ws -> {
                        ws.textMessageHandler(text -> load.answer(index, text));
                        ws.closeHandler(v -> load.disconnected(index));
                      }));
        }
        Harness.await(Future.all(opening));
        opening.forEach(opened -> sockets.add(opened.result()));
      }

      roundTrip(load, "warm", 1, 1);
      for (int reload = 1; reload <= RELOADS; reload++) {
        long before = reload;
        harness.installOnly(reload % 2 == 1 ? Fixture.GATEWAY_V2 : Fixture.GATEWAY_V1);
        // One round races the cutover: each answer comes from the generation active at dispatch.
        Future<ReloadOutcome> outcome = harness.hotSwap().reload("test");
        roundTrip(load, "during-" + reload, before, before + 1);
        assertThat(Harness.await(outcome).activated()).isTrue();
        // Every answer after the reload comes from the new generation.
        roundTrip(load, "after-" + reload, before + 1, before + 1);
      }

      assertThat(load.problems()).isEmpty();
      assertThat(load.disconnects()).isZero();
      assertThat(load.wrong()).isZero();
      assertThat(load.answered()).isEqualTo(load.sent());
      System.out.printf(
          "WebSocket gateway: %d connections, %d reloads, %d messages sent, %d answered,"
              + " %d wrong, %d disconnects%n",
          CONNECTIONS, RELOADS, load.sent(), load.answered(), load.wrong(), load.disconnects());
      sockets.forEach(ws -> ws.closeHandler(null));
      Harness.await(client.close());
    }
  }

  private static void roundTrip(GatewayLoad load, String round, long lowest, long highest) {
    long expected = load.sendRound(round);
    await().atMost(ROUND).until(() -> load.answered() + load.wrong() >= expected);
    assertThat(load.problems()).as(round).isEmpty();
    assertThat(load.roundMin()).as(round).isGreaterThanOrEqualTo(lowest);
    assertThat(load.roundMax()).as(round).isLessThanOrEqualTo(highest);
  }

  @Test
  void groupBroadcast_fromNextGeneration_reachesMembersThatJoinedUnderPrevious() {
    try (Harness harness = Harness.start(workDir, Fixture.GATEWAY_V1, Harness::gateways)) {
      WebSocketClient client = client(harness);
      List<Queue<String>> received = new ArrayList<>();
      List<WebSocket> sockets = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Queue<String> inbox = new ConcurrentLinkedQueue<>();
        received.add(inbox);
        WebSocket ws = Harness.await(client.connect(harness.port(), "127.0.0.1", "/chat"));
        ws.textMessageHandler(inbox::add);
        sockets.add(ws);
      }
      for (int i = 0; i < 5; i++) {
        sockets.get(i).writeTextMessage("join:room");
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> received.stream().limit(5).allMatch(inbox -> inbox.size() == 1));
      assertThat(received.get(0)).containsExactly("v1 gen-1 joined room");

      assertThat(harness.install(Fixture.GATEWAY_V2).activated()).isTrue();
      sockets.get(5).writeTextMessage("shout:room:hello");
      sockets.get(0).writeTextMessage("who");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(received.get(5)).containsExactly("v2 gen-2 shouted 5");
                for (int i = 1; i < 5; i++) {
                  assertThat(received.get(i)).contains("v2 gen-2 room hello");
                }
                // Attributes set under gen-1 are kept by the host and read by gen-2.
                assertThat(received.get(0))
                    .contains("v2 gen-2 room hello", "v2 gen-2 opened-by v1 gen-1");
              });
      Harness.await(client.close());
    }
  }

  @Test
  void slowClient_thatStopsReading_isClosedWithPolicyViolationAndBoundedQueue() {
    try (Harness harness = Harness.start(workDir, Fixture.GATEWAY_V1, Harness::gateways)) {
      WebSocketClient client = client(harness);
      WebSocket ws = Harness.await(client.connect(harness.port(), "127.0.0.1", "/chat"));
      ws.binaryMessageHandler(bytes -> {});
      ws.pause();
      ws.writeTextMessage("flood:3200"); // 100 MiB if nothing stopped it

      await().atMost(Duration.ofSeconds(20)).until(() -> Probe.ticks("flood-refused") >= 1);
      long maxPending = Probe.ticks("pending");
      assertThat(maxPending).isLessThanOrEqualTo(EndpointSpec.DEFAULT_MAX_PENDING_BYTES);

      ws.resume();
      await().atMost(Duration.ofSeconds(20)).until(ws::isClosed);
      assertThat(ws.closeStatusCode()).isEqualTo((short) 1008);
      assertThat(ws.closeReason()).startsWith("client too slow");
      System.out.printf(
          "slow WebSocket client closed with %d '%s'; at most %d bytes were queued for it%n",
          ws.closeStatusCode(), ws.closeReason(), maxPending);
      Harness.await(client.close());
    }
  }

  private static WebSocketClient client(Harness harness) {
    return harness
        .clientVertx()
        .createWebSocketClient(new WebSocketClientOptions().setMaxConnections(CONNECTIONS * 2));
  }
}
