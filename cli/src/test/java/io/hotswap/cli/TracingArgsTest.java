package io.hotswap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotswap.testing.CliRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --tracing} without starting a host: its help text, and which OpenTelemetry and
 * vertx-opentelemetry versions on a host's classpath it accepts.
 */
class TracingArgsTest {
  @Test
  void runHelp_describesTracingAndItsStandardSettings() {
    CliRun help = CliRun.of("run", "--help");
    assertThat(help.exitCode()).as(help.text()).isZero();
    assertThat(help.out())
        .contains("--tracing")
        .contains("hotswap.generation")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT")
        .contains("OTEL_TRACES_EXPORTER")
        .contains("OTEL_SERVICE_NAME");
  }

  @Test
  void thisClasspath_fitsTogether() {
    TracingPlatform.check();
  }

  @Test
  void oneOpenTelemetryVersion_andVertxOfOneLine_fit() {
    assertThat(TracingPlatform.problem(versions("1.46.0", "1.46.0"), "5.0.7", "5.0.2")).isNull();
    assertThat(TracingPlatform.problem(versions("1.46.0", null), "5.0.7", null)).isNull();
  }

  @Test
  void mixedOpenTelemetryVersions_areRefused_namingThem() {
    String problem = TracingPlatform.problem(versions("1.30.1", "1.46.0"), "5.0.7", "5.0.7");
    assertThat(problem)
        .startsWith("--tracing: the host's classpath mixes OpenTelemetry versions")
        .contains("opentelemetry-api 1.30.1")
        .contains("opentelemetry-sdk 1.46.0")
        .contains("opentelemetry-sdk-extension-autoconfigure");
  }

  @Test
  void vertxOpenTelemetryOfAnotherLine_isRefused() {
    assertThat(TracingPlatform.problem(versions("1.46.0", "1.46.0"), "5.1.2", "5.0.7"))
        .contains("vertx-opentelemetry 5.0.7 does not fit vertx-core 5.1.2")
        .contains("io.vertx:vertx-opentelemetry");
  }

  private static Map<String, String> versions(String api, String sdk) {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("opentelemetry-api", api);
    versions.put("opentelemetry-sdk", sdk);
    return versions;
  }
}
