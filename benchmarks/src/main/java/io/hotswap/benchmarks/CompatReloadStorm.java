package io.hotswap.benchmarks;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak of issue 14's compat-mode storm: an unmodified Vert.x application ({@link
 * CompatStormApp}: vertx-web, one verticle instance on four event loops, an event-bus service)
 * under keep-alive load from 64 clients while 1,000 reloads are asked for in 40 s, as a storm of
 * USR2 signals would. Asserts what {@code CompatReloadStormLeakIT} asserts with 200 reloads: every
 * request answered 200, no reload REFUSED (or FAILED), every retired generation drained well within
 * the 30 s drain timeout (under 2 s, nothing answered by the host) and then COLLECTED. Prints a
 * table with PASS/MISS and exits 1 on a miss.
 *
 * <p>Run: {@code java -cp benchmarks/target/hotswap-benchmarks.jar
 * io.hotswap.benchmarks.CompatReloadStorm [reloads] [seconds] [clients]} (≈1–2 min on 2 cores). A
 * main; not thread-safe.
 */
public final class CompatReloadStorm {
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAINED_WELL_BEFORE = Duration.ofSeconds(2);

  private final Map<Long, Instant> drainingSince = new ConcurrentHashMap<>();
  private final Map<Long, Duration> drainTimes = new ConcurrentHashMap<>();
  private final Map<Long, Long> cancelled = new ConcurrentHashMap<>();
  private final Map<Long, GenerationState> fates = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  private CompatReloadStorm() {}

  /** Runs the soak; exits 1 when a target is missed. */
  public static void main(String[] args) throws Exception {
    int reloads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    boolean passed = new CompatReloadStorm().run(reloads, seconds, clients);
    System.exit(passed ? 0 : 1);
  }

  private boolean run(int reloads, int seconds, int clients) throws Exception {
    Path code = CompatStormApp.compile();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    HotSwap hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .mainVerticle(CompatStormApp.MAIN)
                .applicationName("compat-storm")
                .drainTimeout(DRAIN_TIMEOUT)
                .leakTimeout(Duration.ofSeconds(30))
                .jmx(false)
                .build());
    hotSwap.addListener(this::changed);
    if (!await(hotSwap.start()).activated()) {
      throw new IllegalStateException("the first generation did not start");
    }
    int port = hotSwap.httpPort("http:0");
    List<Future<Void>> loops = new ArrayList<>();
    List<HttpClient> httpClients = new ArrayList<>();
    for (int i = 0; i < clients + 8; i++) {
      HttpClient client =
          clientVertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(1));
      httpClients.add(client);
      Promise<Void> finished = Promise.promise();
      loops.add(finished.future());
      String path = i < clients ? "/hello" : "/echo/x";
      String body = i < clients ? CompatStormApp.HELLO : "echo:x";
      clientVertx.runOnContext(v -> next(client, port, path, body, finished));
    }

    long began = System.nanoTime();
    List<Future<ReloadOutcome>> outcomes = storm(hotSwap, clientVertx, reloads, seconds);
    await(Future.join(new ArrayList<>(outcomes)).otherwiseEmpty());
    double stormSeconds = (System.nanoTime() - began) / 1e9;
    running.set(false);
    await(Future.all(loops));
    for (HttpClient client : httpClients) {
      await(client.close());
    }

    Map<ReloadOutcome.Status, Integer> byStatus = new EnumMap<>(ReloadOutcome.Status.class);
    for (Future<ReloadOutcome> outcome : outcomes) {
      ReloadOutcome.Status status =
          outcome.succeeded() ? outcome.result().status() : ReloadOutcome.Status.FAILED;
      byStatus.merge(status, 1, Integer::sum);
    }
    int replaced = drainingSince.size();
    settle(() -> drainTimes.size() == replaced, 30);
    settle(
        () -> {
          System.gc();
          return fates.size() == replaced;
        },
        90);
    long slowDrains =
        drainTimes.values().stream().filter(d -> d.compareTo(DRAINED_WELL_BEFORE) >= 0).count();
    Duration longest = drainTimes.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    long answeredByHost = cancelled.values().stream().mapToLong(Long::longValue).sum();
    long collected = fates.values().stream().filter(f -> f == GenerationState.COLLECTED).count();

    System.out.printf(
        Locale.ROOT,
        "%n%d reloads asked in %.1f s under %d + 8 keep-alive clients: %s; %d generations"
            + " retired%n",
        reloads,
        stormSeconds,
        clients,
        byStatus,
        replaced);
    System.out.printf(
        Locale.ROOT, "requests: %d sent, %d ok, %d failed%n", sent.get(), ok.get(), failed.get());
    System.out.printf(Locale.ROOT, "%ntargets%n");
    boolean passed = true;
    passed &=
        target(
            "every request answered 200",
            failed.get() == 0 && ok.get() == sent.get(),
            failed.get() + " failed");
    passed &=
        target(
            "no reload REFUSED or FAILED",
            byStatus.keySet().stream().allMatch(s -> s == ReloadOutcome.Status.ACTIVATED),
            byStatus.toString());
    passed &=
        target(
            "every generation drained < " + DRAINED_WELL_BEFORE.toSeconds() + " s",
            drainTimes.size() == replaced && slowDrains == 0,
            "longest "
                + longest.toMillis()
                + " ms, "
                + slowDrains
                + " slower, "
                + (replaced - drainTimes.size())
                + " never retired");
    passed &=
        target(
            "nothing answered by the host at the drain timeout",
            answeredByHost == 0,
            answeredByHost + " answered");
    passed &=
        target(
            "every retired generation COLLECTED",
            collected == replaced,
            collected + " of " + replaced);
    await(hotSwap.close());
    await(clientVertx.close());
    await(vertx.close());
    return passed;
  }

  private void changed(GenerationInfo info) {
    switch (info.state()) {
      case DRAINING -> drainingSince.putIfAbsent(info.id(), Instant.now());
      case RETIRED -> {
        Instant since = drainingSince.get(info.id());
        if (since != null) {
          drainTimes.putIfAbsent(
              info.id(), Duration.between(since, info.retiredAt().orElse(Instant.now())));
          cancelled.put(info.id(), info.cancelledAtDrain());
        }
      }
      case COLLECTED, LEAKED -> {
        if (drainingSince.containsKey(info.id())) {
          fates.put(info.id(), info.state());
        }
      }
      default -> {}
    }
  }

  private void next(HttpClient client, int port, String path, String body, Promise<Void> finished) {
    if (!running.get()) {
      finished.complete();
      return;
    }
    sent.incrementAndGet();
    client
        .request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(request -> request.send())
        .compose(
            response ->
                response.body().map(b -> response.statusCode() == 200 && body.equals(b.toString())))
        .onComplete(
            answer -> {
              if (answer.succeeded() && answer.result()) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
              next(client, port, path, body, finished);
            });
  }

  private static List<Future<ReloadOutcome>> storm(
      HotSwap hotSwap, Vertx clientVertx, int reloads, int seconds) throws Exception {
    List<Future<ReloadOutcome>> outcomes = new ArrayList<>();
    Promise<Void> asked = Promise.promise();
    long every = Math.max(1, seconds * 1000L / reloads);
    clientVertx.setPeriodic(
        every,
        timer -> {
          synchronized (outcomes) {
            outcomes.add(hotSwap.reload("storm"));
            if (outcomes.size() == reloads) {
              clientVertx.cancelTimer(timer);
              asked.complete();
            }
          }
        });
    asked.future().toCompletionStage().toCompletableFuture().get(seconds * 3L, TimeUnit.SECONDS);
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  private static void settle(java.util.function.BooleanSupplier done, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  private static boolean target(String name, boolean pass, String detail) {
    System.out.printf(Locale.ROOT, "  %-52s %-5s %s%n", name, pass ? "PASS" : "MISS", detail);
    return pass;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(3, TimeUnit.MINUTES);
  }
}
