package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.EndpointSpec;
import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.testing.ClientVertx;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --health} against a real {@code HotSwap}: {@code /ready} is 503 while the first generation
 * starts, 200 through reloads under concurrent probing (every probe counted), and 503 from the
 * moment a stop begins draining a held request; {@code /health} stays 200 throughout.
 */
class ReadinessIT {
  private static final int PROBERS = 4;
  private static final int RELOADS = 10;

  @TempDir Path workDir;
  private Path gate;
  private Path release;
  private Vertx vertx;
  private Vertx clientVertx;
  private HttpClient client;
  private HotSwap hotSwap;
  private int healthPort;

  @BeforeEach
  void host() {
    gate = workDir.resolve("gate");
    release = workDir.resolve("release");
    Path code = workDir.resolve("code");
    Fixture.install(GatedApp.compile(workDir, gate, release), code);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    clientVertx = ClientVertx.create();
    client = clientVertx.createHttpClient();
    hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .endpoint(EndpointSpec.http("api", 0))
                .startTimeout(Duration.ofSeconds(90))
                .drainTimeout(Duration.ofSeconds(60))
                .applicationName("readiness-it")
                .build());
    ObserveArgs observe = new ObserveArgs();
    observe.health = "0";
    healthPort = observe.start(vertx, hotSwap).healthPort();
  }

  @AfterEach
  void close() throws Exception {
    Files.writeString(gate, "open");
    Files.writeString(release, "released");
    try {
      Harness.await(hotSwap.close());
    } finally {
      Harness.await(clientVertx.close());
      Harness.await(vertx.close());
    }
  }

  @Test
  void ready_beforeFirstGenerationThroughReloadsAndWhileStopping_answersDownUpDown()
      throws Exception {
    // Before the first generation: the host answers, readiness says DOWN.
    Future<ReloadOutcome> first = hotSwap.start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                hotSwap.generations().stream()
                    .anyMatch(g -> g.id() == 1 && g.state() == GenerationState.STARTING));
    HttpAnswer notYet = probe("/ready");
    assertThat(notYet.status()).isEqualTo(503);
    JsonObject down = new JsonObject(notYet.body());
    assertThat(down.getString("status")).isEqualTo("DOWN");
    assertThat(down.getString("outcome")).isEqualTo("DOWN");
    assertThat(down.getJsonArray("checks").getJsonObject(0).getString("status")).isEqualTo("DOWN");
    HttpAnswer alive = probe("/health");
    assertThat(alive.status()).isEqualTo(200);
    assertThat(new JsonObject(alive.body()).getString("status")).isEqualTo("UP");
    assertThat(alive.body()).contains("\"state\":\"STARTING\"");

    Files.writeString(gate, "open");
    assertThat(Harness.await(first).activated()).isTrue();
    HttpAnswer ready = probe("/ready");
    assertThat(ready.status()).isEqualTo(200);
    JsonObject up = new JsonObject(ready.body());
    assertThat(up.getString("status")).isEqualTo("UP");
    assertThat(up.getString("outcome")).isEqualTo("UP");
    JsonObject check = up.getJsonArray("checks").getJsonObject(0);
    assertThat(check.getString("id")).isEqualTo("generation");
    assertThat(check.getJsonObject("data").getLong("generation")).isEqualTo(1L);
    assertThat(check.getJsonObject("data").getString("snapshot"))
        .isEqualTo(hotSwap.activeGeneration().orElseThrow().snapshotId());

    // Reloads under concurrent probing: every probe answered 200.
    AtomicBoolean probing = new AtomicBoolean(true);
    AtomicLong sent = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    List<String> other = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<Void>> probers = new ArrayList<>();
    for (int i = 0; i < PROBERS; i++) {
      probers.add(probeLoop(probing, sent, ok, other));
    }
    for (int i = 0; i < RELOADS; i++) {
      ReloadOutcome outcome = Harness.await(hotSwap.reload("test"));
      assertThat(outcome.activated()).as(outcome.describe()).isTrue();
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                hotSwap.generations().stream()
                    .noneMatch(g -> g.state() == GenerationState.DRAINING));
    probing.set(false);
    Harness.await(Future.all(probers));
    System.out.printf(
        "readiness probes during %d reloads: sent %d, ok %d%n", RELOADS, sent.get(), ok.get());
    assertThat(other).isEmpty();
    assertThat(ok.get()).isEqualTo(sent.get()).isGreaterThan(RELOADS);
    long active = 1 + RELOADS;
    assertThat(
            new JsonObject(probe("/ready").body())
                .getJsonArray("checks")
                .getJsonObject(0)
                .getJsonObject("data")
                .getLong("generation"))
        .isEqualTo(active);

    // Stopping: a held request keeps the drain open; readiness is DOWN during it.
    Future<HttpAnswer> held = Harness.get(client, hotSwap.httpPort("api"), "/held");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Harness.await(hotSwap.inFlight(active)) > 0);
    Future<Void> closing = hotSwap.close();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> probe("/ready").status() == 503);
    assertThat(held.isComplete()).as("the held request is still draining").isFalse();
    assertThat(closing.isComplete()).isFalse();
    assertThat(
            hotSwap.generations().stream()
                .filter(g -> g.id() == active)
                .findFirst()
                .orElseThrow()
                .state())
        .isEqualTo(GenerationState.DRAINING);
    assertThat(new JsonObject(probe("/ready").body()).getString("status")).isEqualTo("DOWN");
    assertThat(probe("/health").status()).isEqualTo(200);

    Files.writeString(release, "released");
    HttpAnswer drained = Harness.await(held);
    assertThat(drained.status()).isEqualTo(200);
    assertThat(drained.body()).isEqualTo("released gen-" + active);
    Harness.await(closing);
    assertThat(probe("/ready").status()).isEqualTo(503);
  }

  /** Probes {@code /ready} back to back until {@code probing} turns false; counts every answer. */
  private Future<Void> probeLoop(
      AtomicBoolean probing, AtomicLong sent, AtomicLong ok, List<String> other) {
    if (!probing.get()) {
      return Future.succeededFuture();
    }
    sent.incrementAndGet();
    return Harness.get(client, healthPort, "/ready")
        .transform(
            answer -> {
              if (answer.succeeded() && answer.result().status() == 200) {
                ok.incrementAndGet();
              } else {
                other.add(
                    answer.succeeded()
                        ? answer.result().status() + " " + answer.result().body()
                        : String.valueOf(answer.cause()));
              }
              return probeLoop(probing, sent, ok, other);
            });
  }

  private HttpAnswer probe(String path) {
    return Harness.await(Harness.get(client, healthPort, path));
  }
}
