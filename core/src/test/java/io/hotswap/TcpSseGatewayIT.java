package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.GatewayLoad;
import io.hotswap.testing.Harness;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP and server-sent-event gateways: connections held by the host survive every reload. */
class TcpSseGatewayIT {
  private static final int TCP_CONNECTIONS = 200;
  private static final int SSE_STREAMS = 3;
  private static final int RELOADS = 20;
  private static final Duration ROUND = Duration.ofSeconds(20);

  @TempDir Path workDir;

  @Test
  void tcpConnectionsAndSseStreams_heldAcrossReloads_areNeverDroppedAndServedByNewGeneration() {
    try (Harness harness = Harness.start(workDir, Fixture.GATEWAY_V1, Harness::gateways)) {
      NetClient tcp = harness.clientVertx().createNetClient();
      List<NetSocket> sockets = new ArrayList<>();
      GatewayLoad load =
          new GatewayLoad(TCP_CONNECTIONS, (i, message) -> sockets.get(i).write(message + "\n"));
      List<Future<NetSocket>> opening = new ArrayList<>();
      int tcpPort = harness.hotSwap().tcpPort("line");
      for (int i = 0; i < TCP_CONNECTIONS; i++) {
        int index = i;
        opening.add(
            tcp.connect(tcpPort, "127.0.0.1")
                .onSuccess(
                    socket -> {
                      socket.handler(
                          RecordParser.newDelimited(
                              "\n", line -> load.answer(index, line.toString())));
                      socket.closeHandler(v -> load.disconnected(index));
                    }));
      }
      Harness.await(Future.all(opening));
      opening.forEach(opened -> sockets.add(opened.result()));

      HttpClient http =
          harness
              .clientVertx()
              .createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(8));
      AtomicLongArray latest = new AtomicLongArray(SSE_STREAMS);
      AtomicLong events = new AtomicLong();
      AtomicLong streamsEnded = new AtomicLong();
      for (int i = 0; i < SSE_STREAMS; i++) {
        int index = i;
        HttpClientResponse response =
            Harness.await(
                http.request(HttpMethod.GET, harness.port(), "127.0.0.1", "/events")
                    .compose(request -> request.send())
                    .onSuccess(
                        opened ->
                            opened.handler(
                                RecordParser.newDelimited(
                                    "\n\n",
                                    event -> {
                                      for (String line : event.toString().split("\n")) {
                                        if (line.startsWith("data: ")) {
                                          long generation =
                                              Long.parseLong(
                                                  line.substring(line.indexOf("gen-") + 4));
                                          latest.accumulateAndGet(index, generation, Math::max);
                                          events.incrementAndGet();
                                        }
                                      }
                                    }))));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
        response.endHandler(v -> streamsEnded.incrementAndGet());
        response.exceptionHandler(failure -> streamsEnded.incrementAndGet());
      }

      roundTrip(load, "warm", 1, 1);
      awaitStreamsAt(latest, 1);
      for (int reload = 1; reload <= RELOADS; reload++) {
        long before = reload;
        harness.installOnly(reload % 2 == 1 ? Fixture.GATEWAY_V2 : Fixture.GATEWAY_V1);
        Future<ReloadOutcome> outcome = harness.hotSwap().reload("test");
        roundTrip(load, "during-" + reload, before, before + 1);
        assertThat(Harness.await(outcome).activated()).isTrue();
        roundTrip(load, "after-" + reload, before + 1, before + 1);
        awaitStreamsAt(latest, before + 1);
      }

      assertThat(load.problems()).isEmpty();
      assertThat(load.disconnects()).isZero();
      assertThat(load.wrong()).isZero();
      assertThat(load.answered()).isEqualTo(load.sent());
      assertThat(streamsEnded.get()).isZero();
      System.out.printf(
          "TCP gateway: %d connections, %d reloads, %d lines sent, %d answered, %d wrong,"
              + " %d disconnects; SSE: %d streams, %d events, %d streams ended%n",
          TCP_CONNECTIONS,
          RELOADS,
          load.sent(),
          load.answered(),
          load.wrong(),
          load.disconnects(),
          SSE_STREAMS,
          events.get(),
          streamsEnded.get());
      sockets.forEach(socket -> socket.closeHandler(null));
      Harness.await(tcp.close());
      Harness.await(http.close());
    }
  }

  private static void roundTrip(GatewayLoad load, String round, long lowest, long highest) {
    long expected = load.sendRound(round);
    await().atMost(ROUND).until(() -> load.answered() + load.wrong() >= expected);
    assertThat(load.problems()).as(round).isEmpty();
    assertThat(load.roundMin()).as(round).isGreaterThanOrEqualTo(lowest);
    assertThat(load.roundMax()).as(round).isLessThanOrEqualTo(highest);
  }

  private static void awaitStreamsAt(AtomicLongArray latest, long generation) {
    await()
        .atMost(ROUND)
        .until(
            () -> {
              for (int i = 0; i < latest.length(); i++) {
                if (latest.get(i) < generation) {
                  return false;
                }
              }
              return true;
            });
  }
}
