package io.hotswap.opentelemetry;

import io.hotswap.testing.Harness;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A host Vert.x traced by vertx-opentelemetry, as an embedding application sets it up: an
 * OpenTelemetry SDK that exports into memory, registered as {@link GlobalOpenTelemetry} (what
 * generation code reaches) and handed to Vert.x's tracer factory; plus a plain HTTP server of the
 * host, {@code /downstream}, that the generation code calls and that records the {@code
 * traceparent} each call carried.
 *
 * <p>One per test; {@link #close()} resets the global.
 */
final class TracedVertx implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk;
  private final Vertx vertx;
  private final HttpServer downstream;
  private final Map<String, String> traceparents = new ConcurrentHashMap<>();

  TracedVertx() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(sdk);
    vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setEventLoopPoolSize(2)
                    .setTracingOptions(new OpenTelemetryOptions()))
            .withTracer(new OpenTelemetryTracingFactory(sdk))
            .build();
    downstream =
        Harness.await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      String traceparent = request.getHeader("traceparent");
                      if (traceparent != null) {
                        // version-traceid-spanid-flags: keyed by the trace it belongs to
                        traceparents.put(traceparent.split("-")[1], traceparent);
                      }
                      request.response().end("downstream");
                    })
                .listen(0, "localhost"));
  }

  /** The host Vert.x instance. */
  Vertx vertx() {
    return vertx;
  }

  /** The spans ended so far. */
  InMemorySpanExporter exporter() {
    return exporter;
  }

  /** The port of the host's {@code /downstream} server. */
  int downstreamPort() {
    return downstream.actualPort();
  }

  /** The {@code traceparent} header a call to {@code /downstream} carried in trace {@code id}. */
  String traceparentOf(String traceId) {
    return traceparents.get(traceId);
  }

  @Override
  public void close() {
    Harness.await(vertx.close());
    sdk.close();
    GlobalOpenTelemetry.resetForTest();
  }
}
