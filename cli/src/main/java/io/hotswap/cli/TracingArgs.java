package io.hotswap.cli;

import io.hotswap.HotSwap;
import io.hotswap.opentelemetry.HotSwapTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The tracing option of {@code hotswap run}: {@code --tracing} traces the host's requests with
 * OpenTelemetry through vertx-opentelemetry, and every server span a generation served carries its
 * id ({@link HotSwapTracing}). The SDK is OpenTelemetry's autoconfigured one, set up the standard
 * way ({@code OTEL_*} environment variables, {@code otel.*} system properties) and registered as
 * {@code GlobalOpenTelemetry}, so generation code's {@code GlobalOpenTelemetry.getTracer} is the
 * same SDK. OTLP goes over HTTP ({@code http/protobuf}) with the JDK's HTTP client; {@code logging}
 * and {@code none} are the other span exporters. Metrics and logs export nothing unless asked.
 *
 * <p>Lifecycle: filled in by picocli; {@link #start} before the host's Vert.x is built, {@link
 * #vertx} builds it, {@link #bind} once the instance exists, {@link #close()} after the Vert.x
 * closed (flushes the spans). Not thread-safe.
 */
final class TracingArgs {
  /** Where OTLP goes by default: a collector on this machine, OTLP/HTTP. */
  static final String DEFAULT_OTLP_ENDPOINT = "http://localhost:4318";

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final String DEFAULT_SERVICE = "unknown_service:java";
  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(TracingArgs.class);

  @Option(
      names = "--tracing",
      description =
          "Trace requests with OpenTelemetry; server spans carry hotswap.generation. Set up by the"
              + " standard OTEL_* environment variables or otel.* system properties, e.g."
              + " OTEL_EXPORTER_OTLP_ENDPOINT (default "
              + DEFAULT_OTLP_ENDPOINT
              + ", OTLP/HTTP), OTEL_TRACES_EXPORTER (otlp, logging or none), OTEL_SERVICE_NAME"
              + " (default the --name).")
  boolean tracing;

  private OpenTelemetrySdk sdk;
  private HotSwapTracing bound;

  /** Whether {@code --tracing} was given. */
  boolean enabled() {
    return tracing;
  }

  /**
   * Sets up the SDK from the environment and registers it as {@code GlobalOpenTelemetry}, when
   * {@code --tracing} was given; {@code name} is the service name unless one is configured.
   *
   * @throws HotSwapCli.UsageProblem when a setting is bad or OpenTelemetry's versions on the
   *     classpath do not fit together
   */
  void start(String name) {
    if (!tracing) {
      return;
    }
    TracingPlatform.check();
    String[] target = new String[1];
    try {
      sdk =
          AutoConfiguredOpenTelemetrySdk.builder()
              .addPropertiesSupplier(TracingArgs::defaults)
              .addPropertiesCustomizer(
                  config -> {
                    target[0] = checkedTarget(config);
                    return Map.of();
                  })
              .addResourceCustomizer((resource, config) -> named(resource, name))
              .disableShutdownHook()
              .setResultAsGlobal()
              .build()
              .getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      throw new HotSwapCli.UsageProblem(
          "--tracing: "
              + e.getMessage()
              + " (OpenTelemetry reads OTEL_* environment variables and otel.* system properties)");
    } catch (LinkageError e) {
      throw new HotSwapCli.UsageProblem(TracingPlatform.linkageProblem(e));
    }
    LOG.info("'{}': tracing with OpenTelemetry, spans to {}", name, target[0]);
  }

  /** What hotswap sets unless the environment does: OTLP over HTTP, traces only. */
  private static Map<String, String> defaults() {
    return Map.of(
        "otel.exporter.otlp.protocol", "http/protobuf",
        "otel.metrics.exporter", "none",
        "otel.logs.exporter", "none");
  }

  /**
   * Refuses what this distribution cannot export with; describes where the spans go.
   *
   * @throws ConfigurationException when OTLP over gRPC is asked for
   */
  static String checkedTarget(ConfigProperties config) {
    String exporter = config.getString("otel.traces.exporter", "otlp");
    if (!exporter.contains("otlp")) {
      return exporter;
    }
    String protocol =
        config.getString(
            "otel.exporter.otlp.traces.protocol",
            config.getString("otel.exporter.otlp.protocol", "http/protobuf"));
    if (!"http/protobuf".equals(protocol)) {
      throw new ConfigurationException(
          "OTLP protocol "
              + protocol
              + " is not available: hotswap exports OTLP over HTTP (http/protobuf, a collector's"
              + " port 4318), set otel.exporter.otlp.protocol (OTEL_EXPORTER_OTLP_PROTOCOL) to"
              + " http/protobuf");
    }
    String endpoint =
        config.getString(
            "otel.exporter.otlp.traces.endpoint",
            config.getString("otel.exporter.otlp.endpoint", DEFAULT_OTLP_ENDPOINT));
    return exporter + " " + endpoint;
  }

  private static Resource named(Resource resource, String name) {
    String service = resource.getAttribute(SERVICE_NAME);
    if (service == null || service.equals(DEFAULT_SERVICE)) {
      return resource.toBuilder().put(SERVICE_NAME, name).build();
    }
    return resource;
  }

  /**
   * The host's Vert.x: traced by the SDK when {@code --tracing} was given, plain otherwise.
   *
   * @throws HotSwapCli.UsageProblem when vertx-opentelemetry does not link with this Vert.x
   */
  Vertx vertx(VertxOptions options) {
    if (sdk == null) {
      return Vertx.vertx(options);
    }
    try {
      return Vertx.builder()
          .with(traced(options))
          .withTracer(new OpenTelemetryTracingFactory(sdk))
          .build();
    } catch (LinkageError e) {
      throw new HotSwapCli.UsageProblem(TracingPlatform.linkageProblem(e));
    }
  }

  /**
   * {@code options} with OpenTelemetry tracing when {@code --tracing} was given: a Vert.x built
   * from them without a tracer factory (a cluster node) finds vertx-opentelemetry's, which uses
   * {@code GlobalOpenTelemetry}, the SDK.
   */
  VertxOptions traced(VertxOptions options) {
    return sdk == null
        ? options
        : new VertxOptions(options).setTracingOptions(new OpenTelemetryOptions());
  }

  /** Puts the generation id on the server spans of {@code hotSwap}, when tracing. */
  void bind(HotSwap hotSwap) {
    if (sdk != null) {
      bound = HotSwapTracing.bind(hotSwap);
    }
  }

  /** Unbinds and shuts the SDK down, exporting the spans it still holds. Idempotent. */
  void close() {
    if (bound != null) {
      bound.close();
      bound = null;
    }
    if (sdk != null) {
      sdk.shutdown().join(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      sdk = null;
    }
  }
}
