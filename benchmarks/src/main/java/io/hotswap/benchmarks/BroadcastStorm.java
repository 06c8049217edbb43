package io.hotswap.benchmarks;

import com.sun.tools.attach.VirtualMachine;
import io.hotswap.cli.HotSwapCli;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The broadcast storm of the overload issue, against the demo's WebSocket chat run by {@code
 * hotswap run} in a child JVM capped at 512 MiB: 1,000 WebSockets in the {@code lobby} group, each
 * sending a line every 500 ms that the chat broadcasts to everyone (2,000,000 frames a second asked
 * for), for 60 s, with a reload in the middle, 20 fast readers on their own event loop and 20 that
 * never read. Prints frames delivered, dropped and refused as slow, connections closed 1008, the
 * host's heap before and after (after a GC, through the Attach API), the HTTP p99 of a probe, and
 * how long {@code status} and {@code reload} took under the storm; PASS/MISS on the issue's
 * conditions, exit 1 on a miss.
 *
 * <p>{@code java -cp benchmarks/target/hotswap-benchmarks.jar io.hotswap.benchmarks.BroadcastStorm
 * [seconds] [connections]} from the repository root, after {@code mvn -B -q install -DskipTests}.
 * Not thread-safe; a main.
 */
public final class BroadcastStorm {
  private static final Pattern SERVING = Pattern.compile("serving http://localhost:(\\d+)/");
  private static final int FAST = 20;
  private static final int SLOW = 20;
  private static final String LINE = "x".repeat(4096);
  private static final List<WebSocketClient> CLIENTS =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private BroadcastStorm() {}

  /** Runs the storm; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path code = Path.of("demo/app/target/classes");
    if (!Files.isDirectory(code)) {
      throw new IllegalStateException("no demo module at " + code + ": mvn -B -q install first");
    }
    String name = "storm-bench-" + ProcessHandle.current().pid();
    Path log = Files.createTempFile("broadcast-storm-", ".log");
    Process host = startHost(code, name, log);
    Vertx bulkVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    Vertx fastVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try {
      int port = awaitPort(host, log);
      long heapBefore = heapAfterGc(host.pid());
      int bulkCount = connections - FAST - SLOW;
      List<WebSocket> bulk = connect(bulkVertx, port, bulkCount, new AtomicLong(), 0);
      List<AtomicLong> perFast = new ArrayList<>();
      AtomicInteger fastClosed = new AtomicInteger();
      for (int i = 0; i < FAST; i++) {
        AtomicLong mine = new AtomicLong();
        perFast.add(mine);
        connect(fastVertx, port, 1, mine, 0)
            .forEach(ws -> ws.closeHandler(v -> fastClosed.incrementAndGet()));
      }
      connect(bulkVertx, port, SLOW, new AtomicLong(), 4096).forEach(WebSocket::pause);
      for (int i = 0; i < bulk.size(); i++) {
        WebSocket socket = bulk.get(i);
        bulkVertx.setPeriodic(
            100 + (i % 500),
            500,
            t -> {
              if (!socket.isClosed()) {
                socket.writeTextMessage(LINE);
              }
            });
      }
      HttpClient probe = fastVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger probeFailures = new AtomicInteger();
      AtomicInteger probing = new AtomicInteger(1);
      fastVertx.runOnContext(v -> ping(fastVertx, probe, port, latencies, probeFailures, probing));

      long ends = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long fastAtStart = perFast.stream().mapToLong(AtomicLong::get).sum();
      List<Long> windows = new ArrayList<>();
      long statusMillis = -1;
      long reloadMillis = -1;
      boolean reloaded = false;
      while (System.nanoTime() < ends) {
        long before = perFast.stream().mapToLong(AtomicLong::get).min().orElse(0);
        Thread.sleep(5_000); // a measuring window
        windows.add(perFast.stream().mapToLong(AtomicLong::get).min().orElse(0) - before);
        if (!reloaded && System.nanoTime() > ends - TimeUnit.SECONDS.toNanos(seconds / 2)) {
          long started = System.nanoTime();
          cli("status", "--json", "--name", name);
          statusMillis = (System.nanoTime() - started) / 1_000_000;
          started = System.nanoTime();
          String reload = cli("reload", "--name", name);
          reloadMillis = (System.nanoTime() - started) / 1_000_000;
          reloaded = reload.contains("ACTIVATED");
        }
      }
      long fastFrames = perFast.stream().mapToLong(AtomicLong::get).sum() - fastAtStart;
      bulkVertx.close().await();
      probing.set(0);
      Thread.sleep(2_000);
      long heapAfter = heapAfterGc(host.pid());
      JsonObject load = chat(name).getJsonObject("gatewayLoad");
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      long p99 = sorted.isEmpty() ? -1 : sorted.get((int) Math.floor(sorted.size() * 0.99));
      long written = load.getLong("written");

      System.out.printf(
          "broadcast storm: %d s, %d connections (%d fast readers, %d that never read), 4 KiB"
              + " lines every 500 ms, host -Xmx512m%n",
          seconds, connections, FAST, SLOW);
      System.out.printf(
          "  frames written %,d (%,d/s), dropped %,d, refused as slow %,d; connections closed 1008:"
              + " %d%n",
          written,
          written / seconds,
          load.getLong("dropped"),
          load.getLong("slow"),
          load.getLong("closedSlow"));
      System.out.printf(
          "  fast readers: %,d frames (%,d/s each), fewest in a 5 s window %s; closed: %d%n",
          fastFrames, fastFrames / seconds / FAST, Collections.min(windows), fastClosed.get());
      System.out.printf(
          "  heap after GC: %d MiB before, %d MiB after; HTTP probe %d answered, %d failed, p99 %d"
              + " ms; status %d ms, reload %d ms under the storm%n",
          heapBefore >> 20,
          heapAfter >> 20,
          sorted.size(),
          probeFailures.get(),
          p99,
          statusMillis,
          reloadMillis);
      boolean pass =
          host.isAlive()
              && !Files.readString(log).contains("OutOfMemoryError")
              && reloaded
              && probeFailures.get() == 0
              && load.getLong("closedSlow") >= SLOW
              && fastClosed.get() == 0
              && Collections.min(windows) > 0
              && heapAfter < heapBefore + (96L << 20);
      System.out.println("  " + (pass ? "PASS" : "MISS") + " (log: " + log + ")");
      if (!pass) {
        System.exit(1);
      }
    } finally {
      fastVertx.close();
      bulkVertx.close();
      host.destroy();
      host.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static Process startHost(Path code, String name, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(HotSwapCli.class.getName());
    command.addAll(
        List.of(
            "run",
            "--code",
            code.toString(),
            "--http",
            "0",
            "--websocket",
            "chat=/chat",
            "--event-bus",
            "greetings=demo.greetings",
            "--name",
            name));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static int awaitPort(Process host, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher serving = SERVING.matcher(Files.readString(log));
      if (serving.find()) {
        return Integer.parseInt(serving.group(1));
      }
      if (!host.isAlive()) {
        throw new IllegalStateException("host exited:\n" + Files.readString(log));
      }
      Thread.sleep(100); // polling a log file written by another process
    }
    throw new IllegalStateException("host did not serve within 60 s:\n" + Files.readString(log));
  }

  private static List<WebSocket> connect(
      Vertx vertx, int port, int count, AtomicLong received, int receiveBuffer)
      throws TimeoutException {
    WebSocketClientOptions options =
        new WebSocketClientOptions().setMaxConnections(count + 1).setConnectTimeout(30_000);
    if (receiveBuffer > 0) {
      options.setReceiveBufferSize(receiveBuffer);
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
                .connect(port, "127.0.0.1", "/chat")
                .onSuccess(ws -> ws.textMessageHandler(text -> received.incrementAndGet())));
      }
      for (Future<WebSocket> socket : batch) {
        sockets.add(socket.await(30, TimeUnit.SECONDS));
      }
    }
    return sockets;
  }

  private static void ping(
      Vertx vertx,
      HttpClient probe,
      int port,
      List<Long> latencies,
      AtomicInteger failures,
      AtomicInteger probing) {
    if (probing.get() == 0) {
      return;
    }
    long started = System.nanoTime();
    probe
        .request(HttpMethod.GET, port, "127.0.0.1", "/api/greeting?name=storm")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(
            answer -> {
              if (answer.succeeded() && answer.result() == 200) {
                latencies.add((System.nanoTime() - started) / 1_000_000);
              } else {
                failures.incrementAndGet();
              }
              vertx.setTimer(20, t -> ping(vertx, probe, port, latencies, failures, probing));
            });
  }

  private static JsonObject chat(String name) {
    return new JsonObject(cli("status", "--json", "--name", name))
        .getJsonArray("endpoints").stream()
            .map(JsonObject.class::cast)
            .filter(e -> e.getString("name").equals("chat"))
            .findFirst()
            .orElseThrow();
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    HotSwapCli.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), args);
    return out.toString();
  }

  /** The host's used heap after a full GC, read through the Attach API and its platform MXBean. */
  private static long heapAfterGc(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      String address = vm.startLocalManagementAgent();
      try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
        MBeanServerConnection connection = connector.getMBeanServerConnection();
        MemoryMXBean memory =
            ManagementFactory.newPlatformMXBeanProxy(
                connection, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
      }
    } finally {
      vm.detach();
    }
  }
}
