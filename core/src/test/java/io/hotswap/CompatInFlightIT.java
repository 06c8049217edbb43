package io.hotswap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.ClientVertx;
import io.hotswap.testing.CompatPathsApp;
import io.hotswap.testing.DrainWatch;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compat mode counts every request, WebSocket and message a generation took exactly once and
 * releases it exactly once, whatever path it ends on, also when a version has fewer instances than
 * the lanes the host accepts on (one HTTP instance after a version with four: three in four
 * requests are handed to the instance's own loop). A generation with nothing in flight then drains
 * at once instead of waiting for the drain timeout.
 */
class CompatInFlightIT {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAINED_WELL_BEFORE = Duration.ofSeconds(2);

  @TempDir Path workDir;

  private Vertx vertx;
  private Vertx clientVertx;
  private HotSwap hotSwap;
  private Path codeDir;
  private DrainWatch drains;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    clientVertx = ClientVertx.create();
    codeDir = workDir.resolve("code");
    // v0 has an HTTP instance on each of the four lanes, so the host accepts on all of them; v1
    // has one: connections on the three other lanes are handed to its loop.
    Fixture.install(CompatPathsApp.compile(workDir, "v0", 4), codeDir);
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(codeDir)
                .mainVerticle(CompatPathsApp.MAIN)
                .drainTimeout(DRAIN_TIMEOUT)
                .jmx(false)
                .applicationName("compat-paths")
                .build());
    assertThat(Harness.await(hotSwap.start()).activated()).isTrue();
    Fixture.install(CompatPathsApp.compile(workDir, "v1", 1), codeDir);
    assertThat(Harness.await(hotSwap.reload("test")).activated()).isTrue();
    drains = DrainWatch.on(hotSwap);
  }

  @AfterEach
  void stop() {
    try {
      Harness.await(hotSwap.close());
    } finally {
      Harness.await(clientVertx.close());
      Harness.await(vertx.close());
    }
  }

  @Test
  void keepAliveLoad_handedToTheInstancesLoop_inFlightReturnsToZeroAndDrainsAtOnce() {
    int port = hotSwap.httpPort("http:0");
    long active = hotSwap.activeGeneration().orElseThrow().id();
    LoadDriver hello = new LoadDriver(clientVertx, port, "/hello", 16).start();
    LoadDriver later = new LoadDriver(clientVertx, port, "/later", 8).start();
    LoadDriver bus = new LoadDriver(clientVertx, port, "/bus-request", 8).start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> hello.ok() >= 10_000 && later.ok() >= 500 && bus.ok() >= 2_000);
    hello.stop();
    later.stop();
    bus.stop();
    assertThat(hello.failed() + later.failed() + bus.failed()).isZero();
    assertThat(hello.ok()).isEqualTo(hello.sent());

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(Harness.await(hotSwap.inFlight(active))).isZero());
    reloadAndAssertDrainedAtOnce(active);
  }

  @Test
  void everyPathAnExchangeEndsOn_releasesItOnce_andTheGenerationDrainsAtOnce() throws Exception {
    int port = hotSwap.httpPort("http:0");
    long active = hotSwap.activeGeneration().orElseThrow().id();
    // Fresh connections spread over the four lanes; keep-alive ones carry several exchanges.
    HttpClient fresh =
        clientVertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(false), new PoolOptions().setHttp1MaxSize(8));
    HttpClient kept =
        clientVertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(8));
    for (HttpClient client : List.of(fresh, kept)) {
      assertStatuses(client, port, HttpMethod.GET, "/hello", null, 200);
      assertStatuses(client, port, HttpMethod.GET, "/later", null, 200);
      assertStatuses(client, port, HttpMethod.GET, "/throw", null, 500);
      assertStatuses(client, port, HttpMethod.POST, "/ignore-body", "x".repeat(50_000), 200);
      assertStatuses(client, port, HttpMethod.POST, "/read-body", "x".repeat(50_000), 200);
      assertStatuses(client, port, HttpMethod.GET, "/bus-send", null, 200);
      assertStatuses(client, port, HttpMethod.GET, "/bus-publish", null, 200);
      assertStatuses(client, port, HttpMethod.GET, "/bus-request", null, 200);
      assertStatuses(client, port, HttpMethod.GET, "/bus-throws", null, 502);
      // The head was written: the host can only close the connection.
      assertAllFail(client, port, "/throw-after-head", 0);
      // Never answered: the client gives up and resets the connection.
      assertAllFail(client, port, "/hang", 300);
    }
    pipelined(port, 8);
    webSockets(port, 8);
    Harness.await(fresh.close());
    Harness.await(kept.close());

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(Harness.await(hotSwap.inFlight(active))).isZero());
    reloadAndAssertDrainedAtOnce(active);
  }

  private void reloadAndAssertDrainedAtOnce(long previous) {
    Fixture.install(CompatPathsApp.compile(workDir, "v2", 1), codeDir);
    ReloadOutcome outcome = Harness.await(hotSwap.reload("test"));
    assertThat(outcome.activated()).as(outcome.describe()).isTrue();
    await()
        .atMost(DRAINED_WELL_BEFORE.multipliedBy(5))
        .until(() -> drains.drainTimes().containsKey(previous));
    assertThat(drains.drainTimes().get(previous)).isLessThan(DRAINED_WELL_BEFORE);
    assertThat(drains.cancelledAtDrain().get(previous)).isZero();
  }

  private static void assertStatuses(
      HttpClient client, int port, HttpMethod method, String path, String body, int status) {
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      answers.add(
          client
              .request(method, port, "127.0.0.1", path)
              .compose(
                  request ->
                      (body == null ? request.send() : request.send(Buffer.buffer(body)))
                          .compose(response -> response.body().map(b -> response.statusCode()))));
    }
    Harness.await(Future.join(answers));
    assertThat(answers).as(path).allSatisfy(a -> assertThat(a.result()).isEqualTo(status));
  }

  private static void assertAllFail(HttpClient client, int port, String path, long idleMillis) {
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      RequestOptions options = new RequestOptions().setPort(port).setHost("127.0.0.1").setURI(path);
      if (idleMillis > 0) {
        options.setIdleTimeout(idleMillis);
      }
      answers.add(
          client
              .request(options)
              .compose(request -> request.send().compose(response -> response.body().map(b -> 0))));
    }
    // join completes once all did, failed when any failed: only each outcome matters here.
    Harness.await(Future.join(answers).otherwiseEmpty());
    assertThat(answers).as(path).allSatisfy(a -> assertThat(a.failed()).isTrue());
  }

  /** Several requests written at once on each of {@code sockets} raw keep-alive connections. */
  private static void pipelined(int port, int sockets) throws Exception {
    String one = "GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String later = "GET /later HTTP/1.1\r\nHost: localhost\r\n\r\n";
    String batch = one + later + one + later + one;
    for (int i = 0; i < sockets; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(batch.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (count(read, "HTTP/1.1 200 OK") < 5) {
          int n = in.read(buffer);
          assertThat(n).as("pipelined answers so far: %s", read).isPositive();
          read.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        }
      }
    }
  }

  private static int count(CharSequence text, String what) {
    int found = 0;
    for (int at = text.toString().indexOf(what);
        at >= 0;
        at = text.toString().indexOf(what, at + 1)) {
      found++;
    }
    return found;
  }

  private void webSockets(int port, int count) {
    WebSocketClient client = clientVertx.createWebSocketClient();
    for (int i = 0; i < count; i++) {
      WebSocket socket = Harness.await(client.connect(port, "127.0.0.1", "/ws"));
      Promise<String> echoed = Promise.promise();
      socket.textMessageHandler(echoed::tryComplete);
      socket.writeTextMessage("x");
      assertThat(Harness.await(echoed.future())).isEqualTo("v1:x");
      Harness.await(socket.close());
    }
    Harness.await(client.close());
  }
}
