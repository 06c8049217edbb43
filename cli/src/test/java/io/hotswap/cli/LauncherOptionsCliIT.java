package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.loader.testing.JavaSourceCompiler;
import io.hotswap.testing.CliRun;
import io.hotswap.testing.ClientVertx;
import io.hotswap.testing.Harness;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
 * The Vert.x launcher options of {@code hotswap run} against a real second JVM: an unmodified
 * application packed for the Vert.x launcher ({@code Main-Class: VertxApplication}, {@code
 * Main-Verticle}) whose main verticle answers its {@code config()}, how many instances of it
 * started and on which threading model, run with {@code --conf <file> --instances 2 --worker
 * --watch}; a change of the conf file reloads with the new config, and a conf file that is not JSON
 * makes that reload FAILED while the running version keeps its config.
 */
class LauncherOptionsCliIT {
  private static final String MAIN =
      """
      package conf.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Context;
      import io.vertx.core.Promise;
      import io.vertx.core.json.JsonObject;
      import java.util.concurrent.atomic.AtomicInteger;

      public class MainVerticle extends AbstractVerticle {
        static final AtomicInteger STARTED = new AtomicInteger();

        @Override
        public void start(Promise<Void> startPromise) {
          STARTED.incrementAndGet();
          String model = context.threadingModel().name();
          vertx.createHttpServer()
              .requestHandler(request -> request.response().end(new JsonObject()
                  .put("greeting", config().getString("greeting"))
                  .put("instances", STARTED.get())
                  .put("threadingModel", model)
                  .put("workerThread", Context.isOnWorkerThread())
                  .encode()))
              .listen(0)
              .<Void>mapEmpty()
              .onComplete(startPromise);
        }
      }
      """;

  @TempDir Path workDir;
  private Vertx clientVertx;
  private HttpClient client;
  private final String name = "launcher-it-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void clients() {
    clientVertx = ClientVertx.create();
    client = clientVertx.createHttpClient();
  }

  @AfterEach
  void closeClients() {
    Harness.await(clientVertx.close());
  }

  @Test
  void confInstancesWorker_andAConfFileChangeUnderWatch_reloadWithTheNewConfig() throws Exception {
    Path classes = workDir.resolve("classes");
    Files.createDirectories(classes);
    JavaSourceCompiler.compile(classes, Map.of("conf.app.MainVerticle", MAIN));
    Path code = launcherJar(classes, workDir.resolve("app.jar"));
    Path conf = workDir.resolve("conf.json");
    Files.writeString(conf, "{\"greeting\":\"hello\"}");
    try (HotSwapProcess instance =
        HotSwapProcess.run(
            workDir,
            "--code",
            code.toString(),
            "--main-verticle",
            "conf.app.MainVerticle",
            "--conf",
            conf.toString(),
            "--instances",
            "2",
            "--worker",
            "--watch",
            "--quiet-period",
            "200ms",
            "--name",
            name)) {
      JsonObject first = get(instance);
      assertThat(first.getString("greeting")).isEqualTo("hello");
      assertThat(first.getInteger("instances")).isEqualTo(2);
      assertThat(first.getString("threadingModel")).isEqualTo("WORKER");
      assertThat(first.getBoolean("workerThread")).as("handler on a worker thread").isTrue();
      assertThat(instance.output()).contains("2 instance(s), WORKER");

      Files.writeString(conf, "{\"greeting\":\"howdy\"}");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "howdy".equals(get(instance).getString("greeting")));
      JsonObject reloaded = get(instance);
      assertThat(reloaded.getInteger("instances")).isEqualTo(2);
      assertThat(reloaded.getString("threadingModel")).isEqualTo("WORKER");
      JsonObject status = status();
      assertThat(generation(status, 2).getString("state")).isEqualTo("ACTIVE");
      assertThat(generation(status, 2).getString("trigger")).isEqualTo("conf");

      Files.writeString(conf, "{\"greeting\": oops");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> status().getJsonArray("generations").size() >= 3);
      JsonObject failed = generation(status(), 3);
      assertThat(failed.getString("state")).isEqualTo("FAILED");
      assertThat(failed.getString("failure"))
          .contains(conf.toString())
          .contains("not a valid JSON object");
      assertThat(get(instance).getString("greeting")).isEqualTo("howdy");

      CliRun stop = cli("stop", "--name", name, "--timeout", "30s");
      assertThat(stop.exitCode()).as(stop.out() + stop.err()).isZero();
      assertThat(instance.awaitExit(Duration.ofSeconds(30))).isZero();
    }
  }

  /**
   * Packs {@code classes} as a jar built for the Vert.x launcher: {@code Main-Class} is {@code
   * VertxApplication}, {@code Main-Verticle} names the verticle.
   */
  private static Path launcherJar(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .put(Attributes.Name.MAIN_CLASS, "io.vertx.launcher.application.VertxApplication");
    manifest.getMainAttributes().putValue("Main-Verticle", "conf.app.MainVerticle");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private JsonObject get(HotSwapProcess instance) {
    return new JsonObject(Harness.await(Harness.get(client, instance.port(), "/")).body());
  }

  private JsonObject status() {
    CliRun status = cli("status", "--json", "--name", name);
    assertThat(status.exitCode()).as(status.err()).isZero();
    return new JsonObject(status.out());
  }

  private static JsonObject generation(JsonObject status, long id) {
    return status.getJsonArray("generations").stream()
        .map(JsonObject.class::cast)
        .filter(g -> g.getLong("id") == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no gen-" + id + " in " + status.encodePrettily()));
  }

  private static CliRun cli(String... args) {
    return CliRun.of(args);
  }
}
