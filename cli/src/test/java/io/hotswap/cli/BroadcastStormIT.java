package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.testing.CliRun;
import io.hotswap.testing.Harness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broadcast storm against a host capped at 512 MiB of heap: 1,000 WebSockets in one group, each
 * sending a line every 500 ms that is broadcast to the whole group (2,000,000 frames a second asked
 * for, far beyond two cores). The host must shed, not die: no OutOfMemoryError, heap back near its
 * level afterwards, HTTP answering throughout, slow members closed 1008 and counted, fast members
 * receiving throughout, a reload completing, and no connection lost except the ones closed as slow.
 * The storm lasts {@code hotswap.storm.seconds} (20 here; the benchmarks run it longer).
 */
@Timeout(240)
class BroadcastStormIT {
  private static final int BULK = 960;
  private static final int FAST = 20;
  private static final int SLOW = 20;
  private static final int SECONDS = Integer.getInteger("hotswap.storm.seconds", 20);
  private static final int LINE_BYTES = 4096;
  private static final List<WebSocketClient> CLIENTS =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private static final String APP =
      """
      package storm.app;

      import io.hotswap.api.Bindings;
      import io.hotswap.api.Connection;
      import io.hotswap.api.ConnectionHandler;
      import io.hotswap.api.Gateway;
      import io.hotswap.api.GenerationEntry;
      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;
      import io.vertx.core.buffer.Buffer;
      import java.lang.management.ManagementFactory;

      @GenerationEntry
      public class StormVerticle extends VerticleBase {
        static final String VERSION = "%VERSION%";

        @Override
        public Future<?> start() {
          Bindings bindings = Bindings.of(context);
          Gateway chat = bindings.gateway("chat");
          bindings.connections("chat", new ConnectionHandler() {
            @Override
            public Future<?> onOpen(Connection connection) {
              chat.join(connection.id(), "lobby");
              return null;
            }

            @Override
            public Future<?> onText(Connection connection, String text) {
              chat.sendToGroup("lobby", VERSION + " " + text);
              return null;
            }

            @Override
            public Future<?> onMessage(Connection connection, Buffer message) {
              return onText(connection, message.toString());
            }
          });
          bindings.http("http", request -> {
            if (request.path().equals("/heap")) {
              System.gc();
              long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
              request.response().end(String.valueOf(used));
            } else {
              request.response().end(VERSION + " pong");
            }
          });
          return Future.succeededFuture();
        }
      }
      """;

  @TempDir Path workDir;
  private final String name = "storm-" + ProcessHandle.current().pid();
  private Vertx bulkVertx;
  private Vertx fastVertx;
  private HotSwapProcess host;

  @AfterEach
  void stop() {
    CLIENTS.clear();
    if (bulkVertx != null) {
      bulkVertx.close();
    }
    if (fastVertx != null) {
      fastVertx.close();
    }
    if (host != null) {
      host.close();
    }
  }

  @Test
  void broadcastStorm_hostShedsAndKeepsServing_reloadCompletes() throws Exception {
    Path v1 = compile("v1");
    host =
        HotSwapProcess.run(
            workDir,
            List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"),
            "--code",
            v1.toString(),
            "--http",
            "0",
            "--http-name",
            "http",
            "--websocket",
            "chat=/chat",
            "--name",
            name,
            "--drain-timeout",
            "10s");
    bulkVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    fastVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    HttpClient probe = fastVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    long heapBefore = Long.parseLong(get(probe, "/heap"));

    AtomicInteger bulkClosed = new AtomicInteger();
    List<WebSocket> bulk = connect(bulkVertx, BULK, new AtomicLong(), bulkClosed, 0);
    AtomicLong fastReceived = new AtomicLong();
    AtomicInteger fastClosed = new AtomicInteger();
    List<AtomicLong> perFast = new ArrayList<>();
    List<WebSocket> fast = new ArrayList<>();
    for (int i = 0; i < FAST; i++) {
      AtomicLong mine = new AtomicLong();
      perFast.add(mine);
      fast.addAll(connect(fastVertx, 1, mine, fastClosed, 0));
    }
    List<WebSocket> slow = connect(bulkVertx, SLOW, new AtomicLong(), new AtomicInteger(), 4096);
    slow.forEach(WebSocket::pause); // never read again: the host must close them, not hold them
    int connected = BULK + FAST + SLOW;
    await().atMost(Duration.ofSeconds(30)).until(() -> openConnections() == connected);

    // The storm: every bulk connection sends a line every 500 ms, each broadcast to all.
    List<Long> timers = new ArrayList<>();
    for (int i = 0; i < bulk.size(); i++) {
      WebSocket socket = bulk.get(i);
      String line = "line from " + i + " " + "x".repeat(LINE_BYTES);
      timers.add(
          bulkVertx.setPeriodic(
              100 + (i % 500),
              500,
              t -> {
                if (!socket.isClosed()) {
                  socket.writeTextMessage(line);
                }
              }));
    }
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger probeFailures = new AtomicInteger();
    AtomicInteger probing = new AtomicInteger(1);
    fastVertx.runOnContext(v -> ping(probe, latencies, probeFailures, probing));

    long stormStarted = System.nanoTime();
    long stormEnds = stormStarted + Duration.ofSeconds(SECONDS).toNanos();
    // The never-reading clients are closed once their bound fills; how fast it fills depends on
    // the write rate the machine reaches, so on a slow or busy machine the storm goes on (up to
    // a minute more) until they are.
    long stormLimit = stormEnds + Duration.ofSeconds(60).toNanos();
    List<Long> fastWindows = new ArrayList<>();
    boolean reloaded = false;
    long statusMillis = -1;
    long reloadMillis = -1;
    while (System.nanoTime() < stormEnds
        || (System.nanoTime() < stormLimit
            && endpoint("chat").getJsonObject("gatewayLoad").getLong("closedSlow") < SLOW)) {
      // A window ends when every fast reader got a frame more: the time it took is what it
      // measures.
      long before = minimum(perFast);
      long windowStarted = System.nanoTime();
      await().atMost(Duration.ofSeconds(10)).until(() -> minimum(perFast) > before);
      fastWindows.add(Duration.ofNanos(System.nanoTime() - windowStarted).toMillis());
      if (!reloaded && System.nanoTime() > stormEnds - Duration.ofSeconds(SECONDS / 2).toNanos()) {
        Path v2 = compile("v2");
        copyInto(v2, v1);
        long started = System.nanoTime();
        CliRun status = cli("status", "--json", "--name", name);
        statusMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(status.exitCode()).as(status.text()).isZero();
        started = System.nanoTime();
        CliRun reload = cli("reload", "--name", name);
        reloadMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(reload.exitCode()).as(reload.text()).isZero();
        assertThat(reload.out()).contains("ACTIVATED");
        reloaded = true;
      }
    }
    timers.forEach(bulkVertx::cancelTimer);
    probing.set(0);
    long stormSeconds = Duration.ofNanos(System.nanoTime() - stormStarted).toSeconds();
    // The last broadcasts are written before the heap is measured: what stays pending is what the
    // sockets of the clients closed as slow still hold (at most their bound each).
    long slowHeld = (long) SLOW * (1024 * 1024 + LINE_BYTES + 512);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                endpoint("chat").getJsonObject("gatewayLoad").getLong("pendingBytes") <= slowHeld);
    long heapAfter = Long.parseLong(get(probe, "/heap"));
    JsonObject load = endpoint("chat").getJsonObject("gatewayLoad");

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long p99 = sorted.isEmpty() ? -1 : sorted.get((int) Math.floor(sorted.size() * 0.99));
    System.out.printf(
        "storm: %d s, %d connections; written %d, dropped %d, slow %d, closed 1008 %d; heap %d ->"
            + " %d MiB; HTTP probes %d, failed %d, p99 %d ms; ms until every fast reader got"
            + " another frame, at most %d; status %d ms, reload %d ms under the storm%n",
        stormSeconds,
        connected,
        load.getLong("written"),
        load.getLong("dropped"),
        load.getLong("slow"),
        load.getLong("closedSlow"),
        heapBefore >> 20,
        heapAfter >> 20,
        sorted.size(),
        probeFailures.get(),
        p99,
        Collections.max(fastWindows),
        statusMillis,
        reloadMillis);

    assertThat(host.process().isAlive()).as(host.output()).isTrue();
    assertThat(host.output()).doesNotContain("OutOfMemoryError");
    assertThat(reloaded).isTrue();
    assertThat(get(probe, "/ping")).isEqualTo("v2 pong");
    assertThat(probeFailures.get()).isZero();
    // Answered all through the storm; the p99 is printed above (it depends on the machine).
    assertThat(sorted).hasSizeGreaterThanOrEqualTo(SECONDS / 2);
    // Within seconds, not minutes: 1.0-1.9 s on a quiet 2-core machine, up to 6 s with other
    // builds competing for its cores (the bound leaves room for that, not for a stall).
    assertThat(p99).isLessThan(10_000);
    assertThat(load.getLong("dropped") + load.getLong("slow")).isPositive();
    assertThat(load.getLong("closedSlow")).isGreaterThanOrEqualTo(SLOW);
    assertThat(fastClosed.get()).isZero();
    assertThat(fastWindows).isNotEmpty().allSatisfy(ms -> assertThat(ms).isLessThan(10_000L));
    // Every connection is still open, or was closed by the host as too slow: none lost to reloads.
    // A slow one leaves the endpoint when its socket is gone: a client that never reads never
    // answers the close frame, so that takes Vert.x's WebSocket closing timeout (10 s).
    long closedSlow = load.getLong("closedSlow");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(openConnections() + closedSlow).isEqualTo(connected));
    assertThat(heapAfter).isLessThan(heapBefore + 96L * 1024 * 1024);
  }

  /** One request at a time, 20 ms apart: the latency is the host's, not a client queue's. */
  private void ping(
      HttpClient probe, List<Long> latencies, AtomicInteger failures, AtomicInteger probing) {
    if (probing.get() == 0) {
      return;
    }
    long started = System.nanoTime();
    Harness.get(probe, host.port(), "/ping")
        .onComplete(
            answer -> {
              if (answer.succeeded() && answer.result().status() == 200) {
                latencies.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
              } else {
                failures.incrementAndGet();
              }
              fastVertx.setTimer(20, t -> ping(probe, latencies, failures, probing));
            });
  }

  private List<WebSocket> connect(
      Vertx vertx, int count, AtomicLong received, AtomicInteger closed, int receiveBuffer) {
    WebSocketClientOptions options =
        new WebSocketClientOptions().setMaxConnections(count + 1).setConnectTimeout(30_000);
    if (receiveBuffer > 0) {
      options.setReceiveBufferSize(receiveBuffer); // a small window: a paused reader stalls soon
    }
    WebSocketClient client = vertx.createWebSocketClient(options);
    // Kept reachable: Vert.x closes a client, and every socket it opened, once it is garbage.
    CLIENTS.add(client);
    List<WebSocket> sockets = new ArrayList<>();
    for (int from = 0; from < count; from += 100) {
      List<Future<WebSocket>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 100); i++) {
        batch.add(
            client
                .connect(host.port(), "127.0.0.1", "/chat")
                .onSuccess(
                    socket -> {
                      socket.textMessageHandler(text -> received.incrementAndGet());
                      socket.closeHandler(v -> closed.incrementAndGet());
                    }));
      }
      for (Future<WebSocket> socket : batch) {
        sockets.add(Harness.await(socket));
      }
    }
    return sockets;
  }

  private static long minimum(List<AtomicLong> counters) {
    return counters.stream().mapToLong(AtomicLong::get).min().orElse(0);
  }

  private String get(HttpClient client, String path) {
    return Harness.await(Harness.get(client, host.port(), path)).body();
  }

  private int openConnections() {
    return endpoint("chat").getInteger("openConnections");
  }

  private JsonObject endpoint(String endpoint) {
    CliRun status = cli("status", "--json", "--name", name);
    return new JsonObject(status.out())
        .getJsonArray("endpoints").stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getString("name").equals(endpoint))
            .findFirst()
            .orElseThrow();
  }

  private Path compile(String version) {
    Path out = workDir.resolve("app-" + version);
    JavaSourceCompiler.compile(
        out, Map.of("storm.app.StormVerticle", APP.replace("%VERSION%", version)));
    return out;
  }

  private static void copyInto(Path from, Path to) {
    io.hotswap.testing.Fixture.install(from, to);
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
