package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.net.NetClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connection events that no generation can take get a clear error, not a silent drop: version 1 of
 * the fixture binds none of the gateway endpoints.
 */
class GatewayUnavailableIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path workDir;

  @Test
  void connections_whenNoGenerationBindsTheEndpoint_getAClearError() {
    try (Harness harness = Harness.start(workDir, Fixture.V1, Harness::gateways)) {
      WebSocketClient wsClient = harness.clientVertx().createWebSocketClient();
      WebSocket ws = Harness.await(wsClient.connect(harness.port(), "127.0.0.1", "/chat"));
      await().atMost(WAIT).until(ws::isClosed);
      assertThat(ws.closeStatusCode()).isEqualTo((short) 1013);
      assertThat(ws.closeReason())
          .isEqualTo("generation 1 has no handler for endpoint 'chat'; try again later");

      NetClient tcp = harness.clientVertx().createNetClient();
      Buffer received = Buffer.buffer();
      AtomicBoolean closed = new AtomicBoolean();
      // Connect from a client context, so the handlers are set before the socket reads anything
      // (a future that completed before onSuccess was added runs it later, after the ERROR line).
      io.vertx.core.Promise<Void> connected = io.vertx.core.Promise.promise();
      harness
          .clientVertx()
          .runOnContext(
              v ->
                  tcp.connect(harness.hotSwap().tcpPort("line"), "127.0.0.1")
                      .onSuccess(
                          socket -> {
                            socket.handler(received::appendBuffer);
                            socket.closeHandler(closedEvent -> closed.set(true));
                          })
                      .<Void>mapEmpty()
                      .onComplete(connected));
      Harness.await(connected.future());
      await().atMost(WAIT).untilTrue(closed);
      assertThat(received.toString())
          .isEqualTo("ERROR generation 1 has no handler for endpoint 'line'; try again later\n");

      HttpClient http = harness.clientVertx().createHttpClient();
      String stream =
          Harness.await(
              http.request(HttpMethod.GET, harness.port(), "127.0.0.1", "/events")
                  .compose(request -> request.send())
                  .compose(
                      response ->
                          response
                              .body()
                              .map(body -> response.getHeader("Content-Type") + "\n" + body)));
      assertThat(stream).startsWith("text/event-stream");
      assertThat(stream)
          .endsWith(
              "event: error\n"
                  + "data: generation 1 has no handler for endpoint 'events'; try again later\n\n");

      // Plain requests on the same HTTP endpoint are untouched.
      assertThat(harness.get("/").body()).isEqualTo("v1");
      Harness.await(wsClient.close());
      Harness.await(tcp.close());
      Harness.await(http.close());
    }
  }
}
