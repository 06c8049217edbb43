package io.hotswap.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.testing.Fixture;
import io.hotswap.testing.Harness;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request traced by the host's Vert.x tracer (vertx-opentelemetry, an in-memory exporter) keeps
 * its span across the generation boundary: the server span is the parent of the span generation
 * code creates, the generation's outbound call is a child in the same trace and carries {@code
 * traceparent}, and the server span names the generation that served it — before and after a
 * reload, on the HTTP and the event-bus endpoints and in compat mode. A negative control shows the
 * parent check fails for a span created on a context without the request's locals.
 */
class GenerationTracingIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String GREETER = "tracing.greeter";
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> VERSION = AttributeKey.stringKey("fixture.version");

  @TempDir Path workDir;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
  private TracedVertx traced;
  private HotSwap hotSwap;
  private HotSwapTracing tracing;

  @BeforeEach
  void tracedHost() {
    traced = new TracedVertx();
  }

  @AfterEach
  void close() {
    if (tracing != null) {
      tracing.close();
    }
    if (hotSwap != null) {
      Harness.await(hotSwap.close());
    }
    traced.close();
  }

  @Test
  void httpRequest_servedByEachGeneration_serverSpanParentsGenerationSpan_taggedWithGeneration()
      throws Exception {
    startApp(TracedApps.app(workDir, "v1"));
    long first = activeGeneration();

    assertTracedAcrossTheBoundary(first, "v1");

    Fixture.install(TracedApps.app(workDir, "v2"), codeDir());
    ReloadOutcome reloaded = Harness.await(hotSwap.reload("test"));
    assertThat(reloaded.activated()).as(reloaded.describe()).isTrue();
    long second = activeGeneration();
    assertThat(second).isGreaterThan(first);

    assertTracedAcrossTheBoundary(second, "v2");
  }

  @Test
  void eventBusRequest_servedByGeneration_consumerSpanParentsGenerationSpan_taggedWithGeneration() {
    startApp(TracedApps.app(workDir, "v1"));
    long generation = activeGeneration();

    Span sender = GlobalOpenTelemetry.getTracer("test").spanBuilder("host-send").startSpan();
    assertThat(requestInSpan(sender, GREETER, "hi")).isEqualTo("v1 gen-" + generation);

    SpanData own = awaitSpan(span -> span.getName().equals("generation-message"));
    assertThat(own.getParentSpanContext().isValid())
        .as("the generation's span has a parent")
        .isTrue();
    SpanData consumer = spanById(own.getParentSpanId());
    assertThat(consumer.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(consumer.getTraceId()).isEqualTo(sender.getSpanContext().getTraceId());
    assertThat(consumer.getAttributes().get(HotSwapTracing.GENERATION)).isEqualTo(generation);
  }

  @Test
  void compatMode_unmodifiedServerAndConsumer_hostSpanParentsGenerationSpan_taggedWithGeneration()
      throws Exception {
    hotSwap =
        HotSwap.create(
            traced.vertx(),
            HotSwapOptions.builder(workDir.resolve("code"))
                .mainVerticle(TracedApps.COMPAT_MAIN)
                .startTimeout(Duration.ofSeconds(10))
                .drainTimeout(Duration.ofSeconds(10))
                .leakTimeout(Duration.ofSeconds(20))
                .jmx(false)
                .applicationName("tracing-compat")
                .build());
    tracing = HotSwapTracing.bind(hotSwap);
    Fixture.install(TracedApps.compat(workDir, "v1"), codeDir());
    ReloadOutcome started = Harness.await(hotSwap.start());
    assertThat(started.activated()).as(started.describe()).isTrue();
    long generation = activeGeneration();

    assertThat(get(hotSwap.httpPort("http:0"), "/compat").body()).isEqualTo("v1");

    SpanData own = awaitSpan(span -> span.getName().equals("compat-work"));
    assertThat(own.getParentSpanContext().isValid())
        .as("the generation's span has a parent")
        .isTrue();
    SpanData server = spanById(own.getParentSpanId());
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(server.getAttributes().get(URL_PATH)).isEqualTo("/compat");
    assertThat(server.getTraceId()).isEqualTo(own.getTraceId());
    assertThat(server.getAttributes().get(HotSwapTracing.GENERATION)).isEqualTo(generation);

    // Its eventBus().consumer(...), bound to a host endpoint, likewise.
    Span sender = GlobalOpenTelemetry.getTracer("test").spanBuilder("host-send").startSpan();
    assertThat(requestInSpan(sender, TracedApps.COMPAT_ADDRESS, "hi")).isEqualTo("v1 hi");
    SpanData ownMessage = awaitSpan(span -> span.getName().equals("compat-message"));
    assertThat(ownMessage.getParentSpanContext().isValid())
        .as("the generation's span has a parent")
        .isTrue();
    SpanData consumer = spanById(ownMessage.getParentSpanId());
    assertThat(consumer.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(consumer.getTraceId()).isEqualTo(sender.getSpanContext().getTraceId());
    assertThat(consumer.getAttributes().get(HotSwapTracing.GENERATION)).isEqualTo(generation);
  }

  @Test
  void negativeControl_spanOnAContextWithoutTheRequestLocals_isARoot() throws Exception {
    startApp(TracedApps.app(workDir, "v1"));

    assertThat(get(hotSwap.httpPort("api"), "/detached").body()).isEqualTo("v1 detached");

    SpanData detached = awaitSpan(span -> span.getName().equals("detached-work"));
    SpanData server = awaitSpan(serverSpanOf("/detached"));
    // What the parent check of the other tests rejects: no parent, a trace of its own.
    assertThat(detached.getParentSpanContext().isValid()).isFalse();
    assertThat(detached.getTraceId()).isNotEqualTo(server.getTraceId());
    assertThat(server.getAttributes().get(HotSwapTracing.GENERATION)).isEqualTo(activeGeneration());
  }

  /**
   * One request to {@code /work}: server span → generation span → client span → downstream server
   * span, one trace; the outbound call carried the client span in {@code traceparent}.
   */
  private void assertTracedAcrossTheBoundary(long generation, String version) throws Exception {
    traced.exporter().reset();
    HttpResponse<String> answer =
        get(hotSwap.httpPort("api"), "/work?downstream=" + traced.downstreamPort());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(version + " downstream");

    SpanData server = awaitSpan(serverSpanOf("/work"));
    SpanData own =
        awaitSpan(
            span ->
                span.getName().equals("generation-work")
                    && version.equals(span.getAttributes().get(VERSION)));
    SpanData client = awaitSpan(span -> span.getKind() == SpanKind.CLIENT);
    SpanData downstream = awaitSpan(serverSpanOf("/downstream"));

    assertThat(server.getParentSpanContext().isValid()).as("the request came untraced").isFalse();
    assertThat(own.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(own.getTraceId()).isEqualTo(server.getTraceId());
    assertThat(own.getInstrumentationScopeInfo().getName()).isEqualTo(TracedApps.SCOPE);
    assertThat(client.getParentSpanId()).isEqualTo(own.getSpanId());
    assertThat(client.getTraceId()).isEqualTo(server.getTraceId());
    assertThat(downstream.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(traced.traceparentOf(server.getTraceId()))
        .isEqualTo("00-" + server.getTraceId() + "-" + client.getSpanId() + "-01");
    assertThat(server.getAttributes().get(HotSwapTracing.GENERATION)).isEqualTo(generation);
    assertThat(downstream.getAttributes().get(HotSwapTracing.GENERATION))
        .as("the downstream server is the host's own, not a generation's")
        .isNull();
  }

  /**
   * Sends {@code body} to {@code address} from a host context with {@code sender} current, ends
   * {@code sender} and returns the reply.
   */
  private Object requestInSpan(Span sender, String address, String body) {
    ContextInternal host = ((ContextInternal) traced.vertx().getOrCreateContext()).duplicate();
    Promise<Object> reply = host.promise();
    host.runOnContext(
        v -> {
          Scope scope = sender.makeCurrent();
          try {
            traced.vertx().eventBus().request(address, body).map(m -> m.body()).onComplete(reply);
          } finally {
            scope.close();
          }
        });
    try {
      return Harness.await(reply.future());
    } finally {
      sender.end();
    }
  }

  private void startApp(Path compiled) {
    hotSwap =
        HotSwap.create(
            traced.vertx(),
            HotSwapOptions.builder(workDir.resolve("code"))
                .endpoint(EndpointSpec.http("api", 0))
                .endpoint(EndpointSpec.eventBus("greeter", GREETER))
                .startTimeout(Duration.ofSeconds(10))
                .drainTimeout(Duration.ofSeconds(10))
                .leakTimeout(Duration.ofSeconds(20))
                .jmx(false)
                .applicationName("tracing")
                .build());
    tracing = HotSwapTracing.bind(hotSwap);
    Fixture.install(compiled, codeDir());
    ReloadOutcome started = Harness.await(hotSwap.start());
    assertThat(started.activated()).as(started.describe()).isTrue();
  }

  private Path codeDir() {
    return workDir.resolve("code");
  }

  private long activeGeneration() {
    return hotSwap.activeGeneration().orElseThrow().id();
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Predicate<SpanData> serverSpanOf(String path) {
    return span ->
        span.getKind() == SpanKind.SERVER && path.equals(span.getAttributes().get(URL_PATH));
  }

  private SpanData awaitSpan(Predicate<SpanData> wanted) {
    return await().atMost(WAIT).until(() -> find(wanted), Optional::isPresent).orElseThrow();
  }

  private Optional<SpanData> find(Predicate<SpanData> wanted) {
    List<SpanData> ended = traced.exporter().getFinishedSpanItems();
    return ended.stream().filter(wanted).findFirst();
  }

  private SpanData spanById(String spanId) {
    return awaitSpan(span -> span.getSpanId().equals(spanId));
  }
}
