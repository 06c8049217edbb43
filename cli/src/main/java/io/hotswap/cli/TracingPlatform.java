package io.hotswap.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether the OpenTelemetry and vertx-opentelemetry on the host's classpath fit together. A host
 * started on an application's own platform takes the application's jars first, so an application
 * that brings OpenTelemetry (or vertx-opentelemetry) runs its versions, with hotswap's jars for
 * what it does not bring: OpenTelemetry's artifacts must all be of one version, and
 * vertx-opentelemetry of the Vert.x line (major.minor) the host runs. Versions come from the jars'
 * manifests ({@code Implementation-Version}); a jar without one (an extracted fat-jar part) and the
 * distribution's runnable jar (one manifest for everything shaded into it) are not compared: there
 * a failure to link is refused instead ({@link #linkageProblem}).
 *
 * <p>Stateless; thread-safe.
 */
final class TracingPlatform {
  /** The artifacts compared, by a class each holds. */
  private static final Map<String, String> OPENTELEMETRY =
      Map.of(
          "opentelemetry-api", "io.opentelemetry.api.GlobalOpenTelemetry",
          "opentelemetry-context", "io.opentelemetry.context.Context",
          "opentelemetry-sdk", "io.opentelemetry.sdk.OpenTelemetrySdk",
          "opentelemetry-sdk-trace", "io.opentelemetry.sdk.trace.SdkTracerProvider",
          "opentelemetry-sdk-extension-autoconfigure",
              "io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk",
          "opentelemetry-exporter-otlp",
              "io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter");

  /** The {@code Implementation-Title} of the distribution's runnable jar (dist's shade plugin). */
  private static final String RUNNABLE_JAR_TITLE = "hotswap";

  private static final String VERTX_CORE = "io.vertx.core.Vertx";
  private static final String VERTX_OPENTELEMETRY =
      "io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory";

  private TracingPlatform() {}

  /**
   * Refuses a classpath whose OpenTelemetry versions do not fit together.
   *
   * @throws HotSwapCli.UsageProblem naming the versions found
   */
  static void check() {
    Map<String, String> openTelemetry = new LinkedHashMap<>();
    OPENTELEMETRY.forEach((artifact, type) -> openTelemetry.put(artifact, versionOf(type)));
    String problem = problem(openTelemetry, versionOf(VERTX_CORE), versionOf(VERTX_OPENTELEMETRY));
    if (problem != null) {
      throw new HotSwapCli.UsageProblem(problem);
    }
  }

  /**
   * What does not fit, or null: the OpenTelemetry {@code versions} (artifact to version, null when
   * unknown) differ, or vertx-opentelemetry is of another Vert.x line than vertx-core.
   */
  static String problem(Map<String, String> versions, String vertxCore, String vertxOpenTelemetry) {
    Set<String> found = new TreeSet<>();
    versions.forEach(
        (artifact, version) -> {
          if (version != null) {
            found.add(stable(version));
          }
        });
    if (found.size() > 1) {
      StringBuilder listed = new StringBuilder();
      versions.forEach(
          (artifact, version) -> {
            if (version != null) {
              listed.append(listed.length() == 0 ? "" : ", ").append(artifact).append(' ');
              listed.append(version);
            }
          });
      return "--tracing: the host's classpath mixes OpenTelemetry versions ("
          + listed
          + "): an application that brings OpenTelemetry runs its own version, so it must bring"
          + " opentelemetry-sdk, opentelemetry-sdk-extension-autoconfigure and its exporters of"
          + " that version too, or leave OpenTelemetry out of it";
    }
    if (vertxCore != null
        && vertxOpenTelemetry != null
        && !line(vertxCore).equals(line(vertxOpenTelemetry))) {
      return "--tracing: vertx-opentelemetry "
          + vertxOpenTelemetry
          + " does not fit vertx-core "
          + vertxCore
          + ": an application on its own Vert.x brings io.vertx:vertx-opentelemetry of that"
          + " version";
    }
    return null;
  }

  /** A refusal for a failure to link OpenTelemetry or vertx-opentelemetry. */
  static String linkageProblem(LinkageError e) {
    return "--tracing: OpenTelemetry does not link on the host's classpath ("
        + e
        + "): an application that brings OpenTelemetry or its own Vert.x must bring"
        + " opentelemetry-sdk, opentelemetry-sdk-extension-autoconfigure, the exporters and"
        + " io.vertx:vertx-opentelemetry of fitting versions";
  }

  private static String versionOf(String type) {
    try {
      Package where =
          Class.forName(type, false, TracingPlatform.class.getClassLoader()).getPackage();
      // In the runnable (shaded) jar every package reads hotswap's own manifest: not a version.
      return where == null || RUNNABLE_JAR_TITLE.equals(where.getImplementationTitle())
          ? null
          : where.getImplementationVersion();
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /** {@code 1.46.0-alpha} is of release 1.46.0. */
  private static String stable(String version) {
    int dash = version.indexOf('-');
    return dash < 0 ? version : version.substring(0, dash);
  }

  /** {@code 5.0.7} is of line {@code 5.0}. */
  private static String line(String version) {
    String[] parts = stable(version).split("\\.");
    return parts.length < 2 ? parts[0] : parts[0] + "." + parts[1];
  }
}
