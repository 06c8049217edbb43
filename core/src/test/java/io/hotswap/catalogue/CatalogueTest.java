package io.hotswap.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.ReloadOutcome;
import io.hotswap.testing.ClientVertx;
import io.hotswap.testing.Harness;
import io.hotswap.testing.HttpAnswer;
import io.hotswap.testing.LoadDriver;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The differential of one catalogue application: version 1 runs on plain Vert.x and under hotswap
 * (compat mode, same JVM); the same script of requests must get the same answers from both. Then
 * the hotswap side reloads under keep-alive load to version 2: no request fails, and the new
 * version answers afterwards.
 *
 * <p>Each application reads its HTTP port from the system property {@code http.port}, as an
 * application reads its configuration; the property is set before each side deploys (the plain side
 * first, then the hotswap side, whose later versions read the same value).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CatalogueTest {
  /** Keep-alive clients of the reload under load. */
  static final int CLIENTS = 16;

  /** Which side an application runs on. */
  enum Side {
    PLAIN,
    HOTSWAP
  }

  Path workDir;

  Path v1;
  Path v2;
  PlainVertx plain;
  CatalogueHost host;
  Vertx clientVertx;
  AppClient plainClient;
  AppClient hotClient;
  int plainPort;
  int hotPort;

  /** The application under test. */
  abstract CatalogueApp app();

  /** The requests both sides must answer alike. */
  abstract List<Call> script();

  /** A GET whose 200 answer names the version; the reload-under-load path. */
  abstract String loadPath();

  /** Sets the application's configuration (system properties) before {@code side} deploys. */
  void configure(Side side) {}

  /** Normalizes what the application answers at random, after sessions ids and dates. */
  UnaryOperator<String> normalizer() {
    return UnaryOperator.identity();
  }

  /** More comparisons beyond the script (event bus, sockets); record them in {@code diff}. */
  void compareMore(Differential diff) throws Exception {}

  /** Runs against the hotswap side (version 1) just before the reload under load. */
  void beforeReload(AppClient hotswap) throws Exception {}

  /** Checks the hotswap side after it reloaded to version 2. */
  void afterReload(AppClient hotswap) throws Exception {
    assertThat(hotswap.send(Call.get(loadPath())).body()).contains("v2");
  }

  @BeforeAll
  void start() throws IOException {
    workDir = Files.createTempDirectory("catalogue-" + app().name() + "-");
    v1 = app().jar(workDir, "v1");
    v2 = app().jar(workDir, "v2");
    clientVertx = ClientVertx.create();
    plainPort = freePort();
    System.setProperty("http.port", Integer.toString(plainPort));
    configure(Side.PLAIN);
    plain = PlainVertx.deploy(v1, app().mainVerticle());
    hotPort = freePort();
    System.setProperty("http.port", Integer.toString(hotPort));
    configure(Side.HOTSWAP);
    host = CatalogueHost.start(workDir, app(), v1);
    plainClient = new AppClient(clientVertx, plainPort);
    hotClient = new AppClient(clientVertx, hotPort);
  }

  @AfterAll
  void stop() {
    try {
      if (host != null) {
        host.close();
      }
    } finally {
      if (plain != null) {
        plain.close();
      }
      if (clientVertx != null) {
        Harness.await(clientVertx.close());
      }
      System.clearProperty("http.port");
      WorkDirs.delete(workDir);
    }
  }

  @Test
  @Order(1)
  void plainAndHotswap_answerTheSameRequestsAlike() throws Exception {
    Differential diff = new Differential(normalizer());
    for (Call call : script()) {
      diff.compare(call, plainClient, hotClient);
    }
    compareMore(diff);
    System.out.printf(
        "catalogue %s differential: %d exchanges, %d differences%n",
        app().name(), diff.calls(), diff.differences().size());
    assertThat(diff.differences()).as("differences plain vs hotswap").isEmpty();
  }

  @Test
  @Order(2)
  void reloadUnderLoad_losesNoRequestAndServesTheNewVersion() throws Exception {
    beforeReload(hotClient);
    LoadDriver load = new LoadDriver(clientVertx, hotPort, loadPath(), CLIENTS).start();
    ReloadOutcome outcome;
    try {
      awaitLoad(load);
      outcome = host.install(v2);
      awaitLoad(load);
    } finally {
      load.stop();
    }
    Map<String, Integer> bodies = new TreeMap<>();
    for (HttpAnswer answer : load.answers()) {
      bodies.merge(
          answer.body().contains("v2") ? "v2" : answer.body().contains("v1") ? "v1" : "?",
          1,
          Integer::sum);
    }
    System.out.printf(
        "catalogue %s reload under load: %d clients, %d sent, %d ok, %d failed, %s, %s%n",
        app().name(), CLIENTS, load.sent(), load.ok(), load.failed(), bodies, outcome.describe());
    assertThat(outcome.activated()).as(outcome.describe()).isTrue();
    assertThat(load.failures()).as("failed requests").isEmpty();
    assertThat(load.ok()).isEqualTo(load.sent());
    assertThat(bodies).containsKeys("v1", "v2");
    afterReload(hotClient);
  }

  /** Lets the load run for at least a second and 200 more requests (bounded). */
  private static void awaitLoad(LoadDriver load) {
    long before = load.sent();
    long since = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                load.sent() >= before + 200
                    && System.nanoTime() - since >= Duration.ofSeconds(1).toNanos());
  }

  /** A port free now, for an application that reads its port from its configuration. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
