package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.CliRun;
import io.hotswap.testing.ClientVertx;
import io.hotswap.testing.CompatApp;
import io.hotswap.testing.CompatHost;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.HttpAnswer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a real second JVM: {@code run} in a child process, then {@code status},
 * {@code reload} and {@code stop} from this JVM through the Attach API and JMX, and signals.
 */
class HotSwapCliIT {
  @TempDir Path workDir;
  private Vertx clientVertx;
  private HttpClient client;
  private final String name = "cli-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void clients() {
    clientVertx = ClientVertx.create();
    client = clientVertx.createHttpClient();
  }

  @AfterEach
  void closeClients() {
    io.hotswap.testing.Harness.await(clientVertx.close());
  }

  @Test
  void runStatusReloadStop_againstARunningInstance_workEndToEnd() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    try (HotSwapProcess instance = start(code)) {
      assertThat(get(instance, "/").body()).isEqualTo("v1");

      CliRun status = cli("status", "--json", "--name", name);
      assertThat(status.exitCode()).as(status.text()).isZero();
      JsonObject json = new JsonObject(status.out());
      assertThat(json.getString("name")).isEqualTo(name);
      assertThat(json.getLong("pid")).isEqualTo(instance.pid());
      assertThat(json.getJsonArray("generations").getJsonObject(0).getString("state"))
          .isEqualTo("ACTIVE");
      assertThat(cli("status", "--name", name).out())
          .contains("ACTIVE")
          .contains("ENDPOINT")
          .contains("metaspace");

      Fixture.install(Fixture.V2.compile(workDir), code);
      CliRun reload = cli("reload", "--name", name);
      assertThat(reload.exitCode()).as(reload.text()).isZero();
      assertThat(reload.out()).contains("gen-2 ACTIVATED");
      assertThat(get(instance, "/").body()).isEqualTo("v2");

      Fixture.install(Fixture.TRUNCATED_CLASS.compile(workDir), code);
      CliRun broken = cli("reload", "--json", "--name", name);
      assertThat(broken.exitCode()).as(broken.text()).isEqualTo(1);
      assertThat(new JsonObject(broken.out()).getString("status")).isEqualTo("FAILED");
      assertThat(new JsonObject(broken.out()).getString("failure")).contains("ClassFormatError");
      assertThat(get(instance, "/").body()).isEqualTo("v2");

      Future<HttpAnswer> inFlight = getAsync(instance, "/slow?ms=5000");
      awaitInFlight(2);
      CliRun stop = cli("stop", "--name", name, "--timeout", "60s");
      assertThat(stop.exitCode()).as(stop.text()).isZero();
      HttpAnswer drained = io.hotswap.testing.Harness.await(inFlight);
      assertThat(drained.status()).isEqualTo(200);
      assertThat(drained.body()).isEqualTo("v2");
      assertThat(instance.awaitExit(Duration.ofSeconds(30))).isZero();
      assertThat(instance.output()).contains("stopped");
    }
  }

  @Test
  void run_jarWithMainVerticleManifest_servesTheUnmodifiedAppAndReloadsIt() throws Exception {
    Path jar = workDir.resolve("app.jar");
    appJar(CompatApp.V1, jar);
    try (HotSwapProcess instance =
        HotSwapProcess.run(workDir, "--code", jar.toString(), "--name", name)) {
      assertThat(instance.output()).contains("serving " + CompatHost.MAIN);
      assertThat(get(instance, "/hello").body()).isEqualTo("v1");
      assertThat(get(instance, "/echo/hi").body()).isEqualTo("v1:hi");

      appJar(CompatApp.V2, jar);
      CliRun reload = cli("reload", "--name", name);
      assertThat(reload.exitCode()).as(reload.text()).isZero();
      assertThat(get(instance, "/hello").body()).isEqualTo("v2");
      assertThat(get(instance, "/echo/hi").body()).isEqualTo("v2:hi");
      assertThat(cli("status", "--name", name).out()).contains("http:0").contains("bus:");

      CliRun stop = cli("stop", "--name", name, "--timeout", "30s");
      assertThat(stop.exitCode()).as(stop.text()).isZero();
      assertThat(instance.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  /** Packs {@code app} as a plain application jar whose manifest names its main verticle. */
  private void appJar(CompatApp app, Path jar) throws IOException {
    Path classes = app.compile(workDir);
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Main-Verticle", CompatHost.MAIN);
    Path next = workDir.resolve("next.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(next), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void cli_noSuchInstance_saysWhatItFoundAndExitsTwo() {
    CliRun reload = cli("reload", "--name", "no-such-instance-" + name);
    assertThat(reload.exitCode()).isEqualTo(2);
    assertThat(reload.err()).contains("no running hotswap instance named");
  }

  @Test
  void signals_usr2ReloadsAndTermStopsGracefully() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    try (HotSwapProcess instance = start(code)) {
      assertThat(get(instance, "/").body()).isEqualTo("v1");
      Fixture.install(Fixture.V2.compile(workDir), code);

      signal(instance, "USR2");
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> get(instance, "/").body().equals("v2"));

      Future<HttpAnswer> inFlight = getAsync(instance, "/slow?ms=5000");
      awaitInFlight(2);
      signal(instance, "TERM");
      HttpAnswer drained = io.hotswap.testing.Harness.await(inFlight);
      assertThat(drained.status()).isEqualTo(200);
      assertThat(instance.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  private void awaitInFlight(long generation) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              JsonObject status = new JsonObject(cli("status", "--json", "--name", name).out());
              return status.getJsonArray("generations").stream()
                  .map(JsonObject.class::cast)
                  .anyMatch(g -> g.getLong("id") == generation && g.getInteger("inFlight") > 0);
            });
  }

  private HotSwapProcess start(Path code) {
    return HotSwapProcess.run(
        workDir, HotSwapProcess.fixtureHost(code, name, "--drain-timeout", "20s"));
  }

  private static void signal(HotSwapProcess instance, String signal) throws Exception {
    Process kill =
        new ProcessBuilder("bash", "-c", "kill -" + signal + " " + instance.pid())
            .inheritIO()
            .start();
    assertThat(kill.waitFor()).isZero();
  }

  private HttpAnswer get(HotSwapProcess instance, String path) {
    return io.hotswap.testing.Harness.await(getAsync(instance, path));
  }

  private Future<HttpAnswer> getAsync(HotSwapProcess instance, String path) {
    return io.hotswap.testing.Harness.get(client, instance.port(), path);
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
