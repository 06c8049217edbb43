package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.testing.CliRun;
import io.hotswap.testing.Fixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotswap run --tracing} in a JVM of its own, configured the standard way ({@code otel.*}
 * system properties), exporting OTLP/HTTP to a receiver this test runs: a request's server span
 * reaches it with {@code hotswap.generation} = the generation that served it, before and after a
 * reload, and the spans still held at stop are exported when the host stops.
 */
class TracingCliIT {
  @TempDir Path workDir;

  private final String name = "tracing-" + UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void serverSpans_carryTheServingGeneration_acrossAReload_andAreFlushedAtStop() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    try (OtlpReceiver collector = new OtlpReceiver();
        HotSwapProcess host =
            HotSwapProcess.run(
                workDir,
                List.of(
                    "-Xmx256m",
                    "-Dotel.exporter.otlp.endpoint=" + collector.endpoint(),
                    "-Dotel.bsp.schedule.delay=200"),
                HotSwapProcess.fixtureHost(code, name, "--tracing"))) {
      assertThat(host.output()).contains("tracing with OpenTelemetry, spans to otlp");

      Served first = get(host, "/");
      assertThat(first.generation()).isEqualTo(1);
      OtlpReceiver.Span firstSpan = awaitServerSpan(collector, first.traceId());
      assertThat(firstSpan.attributes()).containsEntry("hotswap.generation", 1L);
      // No OTEL_SERVICE_NAME: the service is the instance's name.
      assertThat(firstSpan.resource()).containsEntry("service.name", name);

      Fixture.install(Fixture.V2.compile(workDir), code);
      CliRun reload = CliRun.of("reload", "--name", name);
      assertThat(reload.exitCode()).as(reload.text()).isZero();
      Served second = get(host, "/");
      assertThat(second.generation()).isEqualTo(2);
      assertThat(awaitServerSpan(collector, second.traceId()).attributes())
          .containsEntry("hotswap.generation", 2L);
      assertThat(collector.refused()).isEmpty();
    }
  }

  @Test
  void spansStillHeld_areExportedWhenTheHostStops() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    try (OtlpReceiver collector = new OtlpReceiver();
        HotSwapProcess host =
            HotSwapProcess.run(
                workDir,
                List.of(
                    "-Xmx256m",
                    "-Dotel.exporter.otlp.endpoint=" + collector.endpoint(),
                    // The batch would wait ten minutes: only the shutdown exports it.
                    "-Dotel.bsp.schedule.delay=600000"),
                HotSwapProcess.fixtureHost(code, name, "--tracing"))) {
      List<Served> served = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        served.add(get(host, "/"));
      }
      assertThat(collector.spans()).isEmpty();
      CliRun stop = CliRun.of("stop", "--name", name);
      assertThat(stop.exitCode()).as(stop.text()).isZero();
      assertThat(host.awaitExit(Duration.ofSeconds(60))).as(host.output()).isZero();
      for (Served request : served) {
        assertThat(serverSpan(collector, request.traceId()))
            .as("server span of trace " + request.traceId() + " in " + collector.spans())
            .isNotNull()
            .satisfies(
                span -> assertThat(span.attributes()).containsEntry("hotswap.generation", 1L));
      }
    }
  }

  @Test
  void hostOnTheApplicationsOwnPlatform_withItsOpenTelemetry_tracesToo() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    // The application ships Vert.x core and the OpenTelemetry API: the host runs in a JVM of its
    // own on them (HostProcess), hotswap's SDK and vertx-opentelemetry after them.
    Path lib = Files.createDirectories(code.resolve("lib"));
    for (String jar : List.of("vertx-core-", "opentelemetry-api-1", "opentelemetry-context-")) {
      Path found = classpathJar(jar);
      Files.copy(found, lib.resolve(found.getFileName()));
    }
    try (OtlpReceiver collector = new OtlpReceiver();
        HotSwapProcess host =
            HotSwapProcess.run(
                workDir,
                List.of(
                    "-Xmx256m",
                    "-Dotel.exporter.otlp.endpoint=" + collector.endpoint(),
                    "-Dotel.bsp.schedule.delay=200"),
                HotSwapProcess.fixtureHost(code, name, "--tracing"))) {
      assertThat(host.output())
          .contains("the application brings its platform")
          .contains("tracing with OpenTelemetry");
      Served served = get(host, "/");
      assertThat(awaitServerSpan(collector, served.traceId()).attributes())
          .containsEntry("hotswap.generation", served.generation());
    }
  }

  private static Path classpathJar(String prefix) {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of)
        .filter(path -> path.getFileName().toString().startsWith(prefix))
        .filter(path -> path.toString().endsWith(".jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(prefix + "*.jar is not on the test classpath"));
  }

  @Test
  void badSettings_areRefused_withExitCode2() throws Exception {
    Path code = workDir.resolve("code");
    Fixture.install(Fixture.V1.compile(workDir), code);
    Ended exporter =
        runToEnd(
            List.of("-Dotel.traces.exporter=carrier-pigeon"),
            HotSwapProcess.fixtureHost(code, name, "--tracing"));
    assertThat(exporter.exitCode()).as(exporter.output()).isEqualTo(2);
    assertThat(exporter.output()).contains("hotswap: --tracing: ").contains("carrier-pigeon");

    Ended grpc =
        runToEnd(
            List.of("-Dotel.exporter.otlp.protocol=grpc"),
            HotSwapProcess.fixtureHost(code, name, "--tracing"));
    assertThat(grpc.exitCode()).as(grpc.output()).isEqualTo(2);
    assertThat(grpc.output()).contains("OTLP protocol grpc is not available").contains("4318");
  }

  /** A request sent in a trace of its own, and the generation that answered it. */
  private record Served(String traceId, long generation) {}

  private Served get(HotSwapProcess host, String path) throws Exception {
    byte[] trace = new byte[16];
    byte[] parent = new byte[8];
    ThreadLocalRandom.current().nextBytes(trace);
    ThreadLocalRandom.current().nextBytes(parent);
    trace[0] |= 1;
    parent[0] |= 1;
    String traceId = HexFormat.of().formatHex(trace);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + host.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                    "traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(parent) + "-01")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new Served(
        traceId, Long.parseLong(response.headers().firstValue("X-Generation").orElseThrow()));
  }

  private static OtlpReceiver.Span awaitServerSpan(OtlpReceiver collector, String traceId) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> serverSpan(collector, traceId), span -> span != null);
  }

  private static OtlpReceiver.Span serverSpan(OtlpReceiver collector, String traceId) {
    return collector.spans().stream()
        .filter(span -> traceId.equals(span.traceId()) && span.kind() == OtlpReceiver.SERVER)
        .findFirst()
        .orElse(null);
  }

  private record Ended(int exitCode, String output) {}

  /** Runs {@code hotswap run} in a JVM of its own and waits for it to end. */
  private Ended runToEnd(List<String> jvmArguments, String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmArguments);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(HotSwapCli.class.getName());
    command.add("run");
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile(workDir, "run-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The test's own environment must not configure the refused settings away.
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(key -> key.startsWith("OTEL_"));
    Process process = builder.start();
    Duration bound = Duration.ofSeconds(60);
    if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "hotswap run still running after " + bound + ":\n" + Files.readString(log));
    }
    return new Ended(process.exitValue(), Files.readString(log));
  }
}
