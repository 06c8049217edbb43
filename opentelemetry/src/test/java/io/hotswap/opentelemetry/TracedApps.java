package io.hotswap.opentelemetry;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The reloadable code of the tracing tests, compiled with {@code javax.tools} at test time: a
 * generation entry on the hotswap API that creates its own spans with the OpenTelemetry API and
 * calls another HTTP server of the host, and an unmodified verticle (compat mode) that serves HTTP
 * with {@code vertx.createHttpServer()} and consumes {@code tracing.compat} on the event bus.
 *
 * <p>Stateless.
 */
final class TracedApps {
  /** The instrumentation scope the generation code's tracer is named after. */
  static final String SCOPE = "fixture.tracing";

  /** The event-bus address the compat app consumes. */
  static final String COMPAT_ADDRESS = "tracing.compat";

  /** The compat app's main verticle. */
  static final String COMPAT_MAIN = "fixture.compat.Main";

  private static final String APP =
      """
      package fixture.tracing;

      import io.hotswap.api.Bindings;
      import io.hotswap.api.GenerationEntry;
      import io.opentelemetry.api.GlobalOpenTelemetry;
      import io.opentelemetry.api.trace.Span;
      import io.opentelemetry.api.trace.Tracer;
      import io.opentelemetry.context.Scope;
      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;
      import io.vertx.core.http.HttpClient;
      import io.vertx.core.http.HttpClientResponse;
      import io.vertx.core.http.HttpMethod;
      import io.vertx.core.http.HttpServerRequest;
      import io.vertx.core.internal.ContextInternal;

      @GenerationEntry
      public class App extends VerticleBase {
        static final String VERSION = "%VERSION%";
        private Tracer tracer;
        private HttpClient client;

        @Override
        public Future<?> start() {
          Bindings bindings = Bindings.of(context);
          long generation = bindings.generation();
          tracer = GlobalOpenTelemetry.getTracer("fixture.tracing");
          client = vertx.createHttpClient();
          bindings.http("api", request -> handle(request, generation));
          bindings.requests(
              "greeter",
              message -> {
                Span span =
                    tracer.spanBuilder("generation-message")
                        .setAttribute("fixture.version", VERSION)
                        .startSpan();
                span.end();
                return Future.succeededFuture(VERSION + " gen-" + generation);
              });
          return Future.succeededFuture();
        }

        private void handle(HttpServerRequest request, long generation) {
          switch (request.path()) {
            case "/work" -> work(request);
            case "/detached" -> {
              // A fresh duplicate of the instance's context, without the request's locals: what
              // every generation handler ran on before the dispatch carried them over.
              ContextInternal fresh = ((ContextInternal) context).duplicate();
              fresh.runOnContext(
                  v -> {
                    tracer.spanBuilder("detached-work").startSpan().end();
                    request.response().end(VERSION + " detached");
                  });
            }
            default -> request.response().setStatusCode(404).end();
          }
        }

        private void work(HttpServerRequest request) {
          int downstream = Integer.parseInt(request.getParam("downstream"));
          Span span =
              tracer.spanBuilder("generation-work").setAttribute("fixture.version", VERSION).startSpan();
          // Current until the outbound call is answered: its client span is this span's child.
          Scope scope = span.makeCurrent();
          client
              .request(HttpMethod.GET, downstream, "localhost", "/downstream")
              .compose(outbound -> outbound.send().compose(HttpClientResponse::body))
              .onComplete(
                  answer -> {
                    scope.close();
                    span.end();
                    request
                        .response()
                        .end(
                            answer.succeeded()
                                ? VERSION + " " + answer.result()
                                : "outbound call failed: " + answer.cause());
                  });
        }
      }
      """;

  private static final String COMPAT =
      """
      package fixture.compat;

      import io.opentelemetry.api.GlobalOpenTelemetry;
      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;

      public class Main extends VerticleBase {
        static final String VERSION = "%VERSION%";

        @Override
        public Future<?> start() {
          vertx
              .eventBus()
              .consumer(
                  "tracing.compat",
                  message -> {
                    GlobalOpenTelemetry.getTracer("fixture.tracing")
                        .spanBuilder("compat-message")
                        .setAttribute("fixture.version", VERSION)
                        .startSpan()
                        .end();
                    message.reply(VERSION + " " + message.body());
                  });
          return vertx
              .createHttpServer()
              .requestHandler(
                  request -> {
                    GlobalOpenTelemetry.getTracer("fixture.tracing")
                        .spanBuilder("compat-work")
                        .setAttribute("fixture.version", VERSION)
                        .startSpan()
                        .end();
                    request.response().end(VERSION);
                  })
              .listen(0);
        }
      }
      """;

  private TracedApps() {}

  /** The hotswap-API app in {@code version}, compiled into a fresh directory under {@code dir}. */
  static Path app(Path dir, String version) {
    return compile(dir, "app-" + version, "fixture.tracing.App", APP, version);
  }

  /**
   * The unmodified verticle in {@code version}, compiled into a fresh directory under {@code dir}.
   */
  static Path compat(Path dir, String version) {
    return compile(dir, "compat-" + version, COMPAT_MAIN, COMPAT, version);
  }

  private static Path compile(
      Path dir, String name, String className, String source, String version) {
    try {
      Path out = Files.createTempDirectory(dir, name + "-");
      JavaSourceCompiler.compile(out, Map.of(className, source.replace("%VERSION%", version)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
