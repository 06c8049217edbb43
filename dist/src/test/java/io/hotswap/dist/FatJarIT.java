package io.hotswap.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application packaged as one executable fat jar (vertx-web and vertx-web-client inside, as
 * maven-shade packs them) under the installed distribution: the host runs on the application's own
 * Vert.x, split off the jar; reloads under load lose no request, the platform classes load once
 * (the JVM's class counts stay flat across reloads), retired generations are collected; a rebuilt
 * jar on another Vert.x core is refused with what changed, the old version serving on.
 */
class FatJarIT {
  /** Unique per run: the instance name is locked per user and machine, and runs may overlap. */
  private static final String NAME = "fat-it-" + ProcessHandle.current().pid();

  private static final String MAIN = "fat.app.MainVerticle";
  private static final int RELOADS = 20;
  private static final Pattern TOTAL_LOADED =
      Pattern.compile("\"totalLoadedClasses\"\\s*:\\s*(\\d+)");
  private static final Pattern COLLECTED = Pattern.compile("\"state\"\\s*:\\s*\"COLLECTED\"");
  private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

  private static final String VERTICLE =
      """
      package fat.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;
      import io.vertx.ext.web.Router;
      import io.vertx.ext.web.client.WebClient;

      public class MainVerticle extends AbstractVerticle {
        private WebClient client;

        @Override
        public void start(Promise<Void> started) {
          client = WebClient.create(vertx);
          int port = Integer.getInteger("http.port", 8080);
          Router router = Router.router(vertx);
          router.get("/version").handler(rc -> rc.end("%VERSION%"));
          router.get("/via-client").handler(rc -> client.get(port, "127.0.0.1", "/version").send()
              .onSuccess(answer -> rc.end("client:" + answer.bodyAsString()))
              .onFailure(rc::fail));
          vertx.createHttpServer().requestHandler(router).listen(port)
              .onSuccess(server -> started.complete()).onFailure(started::fail);
        }

        @Override
        public void stop() {
          client.close();
        }
      }
      """;

  @TempDir Path install;
  @TempDir Path app;
  @TempDir Path elsewhere;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void fatJar_hostOnItsOwnVertx_reloadsUnderLoad_platformLoadedOnce_otherVertxRefused()
      throws Exception {
    InstalledDistribution dist = InstalledDistribution.unpack(install, elsewhere);
    List<Path> dependencies = jars(System.getProperty("hotswap.fatjar.dependencies"));
    Path v1 = fatJar("v1", dependencies);
    Path v2 = fatJar("v2", dependencies);
    Path jar = app.resolve("shop.jar");
    Files.copy(v1, jar);
    int port = InstalledDistribution.freePort();
    Path log = elsewhere.resolve("run.log");
    ProcessBuilder serve =
        new ProcessBuilder(
                dist.hotswap().toString(), "run", "--name", NAME, "--code", jar.toString())
            .directory(elsewhere.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    serve.environment().put("JAVA_HOME", System.getProperty("java.home"));
    serve.environment().put("HOTSWAP_JAVA_OPTS", "-Xmx384m -Dhttp.port=" + port);
    Process launcher = serve.start();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                assertThat(launcher.isAlive()).as(Files.readString(log)).isTrue();
                return Files.readString(log).contains("serving ");
              });
      assertThat(Files.readString(log))
          .contains("the application brings its platform")
          .contains("io.vertx:vertx-core=" + System.getProperty("hotswap.vertx.version"))
          .contains("io.vertx:vertx-web-client=");
      assertThat(get(port, "/version")).isEqualTo("v1");
      assertThat(get(port, "/via-client")).isEqualTo("client:v1");

      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger sent = new AtomicInteger();
      AtomicInteger ok = new AtomicInteger();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> clients = load(port, running, sent, ok, failures);
      long loadedBefore = -1;
      for (int reload = 1; reload <= RELOADS; reload++) {
        String version = reload % 2 == 1 ? "v2" : "v1";
        Files.copy(reload % 2 == 1 ? v2 : v1, jar, StandardCopyOption.REPLACE_EXISTING);
        InstalledDistribution.Result outcome =
            dist.run(List.of(dist.hotswap().toString(), "reload", "--name", NAME));
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        assertThat(outcome.output()).contains("ACTIVATED");
        assertThat(get(port, "/version")).isEqualTo(version);
        if (reload == 2) {
          loadedBefore = totalLoaded(dist);
        }
      }
      running.set(false);
      for (Thread client : clients) {
        client.join(30_000);
      }
      assertThat(failures).isEmpty();
      assertThat(ok.get()).isEqualTo(sent.get()).isPositive();
      long loadedAfter = totalLoaded(dist);
      // Each generation loads its own few classes (and the JDK's lambda forms); the platform —
      // thousands of Vert.x, Netty and Jackson classes — loaded once, not once per generation.
      long perReload = (loadedAfter - loadedBefore) / (RELOADS - 2);
      assertThat(perReload).as("classes loaded per reload").isLessThan(400);
      // Every retired generation's loader is collected once the host's JVM collects garbage
      // (an idle host may not for a while: ask it to, as an operator would with jcmd).
      long hostPid = hostPid(dist);
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2))
          .untilAsserted(
              () -> {
                dist.run(List.of(jcmd(), Long.toString(hostPid), "GC.run"));
                String status = statusJson(dist);
                assertThat(count(COLLECTED, status)).as(status).isEqualTo(RELOADS);
              });
      Path otherVertx =
          fatJar(
              "v3",
              Stream.concat(
                      dependencies.stream()
                          .filter(d -> !d.getFileName().toString().startsWith("vertx-core-")),
                      jars(System.getProperty("hotswap.fatjar.otherVertx")).stream())
                  .toList());
      Files.copy(otherVertx, jar, StandardCopyOption.REPLACE_EXISTING);
      InstalledDistribution.Result refused =
          dist.run(List.of(dist.hotswap().toString(), "reload", "--name", NAME));
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      assertThat(refused.output())
          .contains("REFUSED")
          .contains(
              "io.vertx:vertx-core " + System.getProperty("hotswap.vertx.version") + " -> 5.1.6")
          .contains("restart");
      assertThat(get(port, "/version")).isEqualTo(RELOADS % 2 == 1 ? "v2" : "v1");

      InstalledDistribution.Result stop =
          dist.run(List.of(dist.hotswap().toString(), "stop", "--name", NAME));
      assertThat(stop.exitCode()).as(stop.output()).isZero();
      assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      assertThat(launcher.exitValue()).as(Files.readString(log)).isZero();
    } finally {
      launcher.destroy();
      launcher.waitFor(30, TimeUnit.SECONDS);
      launcher.destroyForcibly();
    }
  }

  private Path fatJar(String version, List<Path> dependencies) throws Exception {
    Path classes =
        JavaSourceCompiler.compile(
            app.resolve("classes-" + version),
            Map.of(MAIN, VERTICLE.replace("%VERSION%", version)));
    return FatJar.write(app.resolve("shop-" + version + "-fat.jar"), classes, dependencies, MAIN);
  }

  private static List<Path> jars(String directory) throws Exception {
    try (Stream<Path> files = Files.list(Path.of(directory))) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    }
  }

  private String get(int port, String path) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  private List<Thread> load(
      int port,
      AtomicBoolean running,
      AtomicInteger sent,
      AtomicInteger ok,
      List<String> failures) {
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Thread client =
          new Thread(
              () -> {
                while (running.get()) {
                  sent.incrementAndGet();
                  try {
                    String body = get(port, "/version");
                    if (body.equals("v1") || body.equals("v2")) {
                      ok.incrementAndGet();
                    } else {
                      failures.add("unexpected answer " + body);
                    }
                  } catch (Exception | AssertionError e) {
                    failures.add(e.toString());
                  }
                }
              },
              "fat-client-" + i);
      client.start();
      clients.add(client);
    }
    return clients;
  }

  private long hostPid(InstalledDistribution dist) throws Exception {
    Matcher pid = PID.matcher(statusJson(dist));
    assertThat(pid.find()).isTrue();
    return Long.parseLong(pid.group(1));
  }

  private static String jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
  }

  private static int count(Pattern pattern, String text) {
    Matcher found = pattern.matcher(text);
    int count = 0;
    while (found.find()) {
      count++;
    }
    return count;
  }

  private long totalLoaded(InstalledDistribution dist) throws Exception {
    Matcher loaded = TOTAL_LOADED.matcher(statusJson(dist));
    assertThat(loaded.find()).isTrue();
    return Long.parseLong(loaded.group(1));
  }

  private String statusJson(InstalledDistribution dist) throws Exception {
    InstalledDistribution.Result status =
        dist.run(List.of(dist.hotswap().toString(), "status", "--name", NAME, "--json"));
    assertThat(status.exitCode()).as(status.output()).isZero();
    return status.output();
  }
}
