package io.hotswap.cli;

import io.hotswap.testing.Fixture;
import java.nio.file.Path;
import java.util.Map;

/**
 * A reloadable application whose start waits for a gate file and whose {@code /held} requests wait
 * for a release file, so a test decides when the first generation becomes active and when a drain
 * may end. Every other path answers {@code gen-<n>}. Polls with a Vert.x timer: an event loop is
 * never blocked. Stateless; thread-safe.
 */
final class GatedApp {
  private static final String SOURCE =
      """
      package fixture.app;

      import io.hotswap.api.Bindings;
      import io.hotswap.api.GenerationEntry;
      import io.vertx.core.Future;
      import io.vertx.core.Promise;
      import io.vertx.core.VerticleBase;
      import io.vertx.core.http.HttpServerRequest;
      import java.nio.file.Files;
      import java.nio.file.Path;

      @GenerationEntry
      public class App extends VerticleBase {
        private static final Path GATE = Path.of("%GATE%");
        private static final Path RELEASE = Path.of("%RELEASE%");

        @Override
        public Future<?> start() {
          Bindings bindings = Bindings.of(context);
          long generation = bindings.generation();
          bindings.http("api", request -> handle(request, generation));
          Promise<Void> started = Promise.promise();
          whenExists(GATE, started::tryComplete);
          return started.future();
        }

        private void handle(HttpServerRequest request, long generation) {
          request.response().putHeader("X-Generation", Long.toString(generation));
          if (request.path().equals("/held")) {
            whenExists(RELEASE, () -> request.response().end("released gen-" + generation));
          } else {
            request.response().end("gen-" + generation);
          }
        }

        private void whenExists(Path file, Runnable then) {
          if (Files.exists(file)) {
            then.run();
            return;
          }
          vertx.setPeriodic(10, id -> {
            if (Files.exists(file)) {
              vertx.cancelTimer(id);
              then.run();
            }
          });
        }
      }
      """;

  private GatedApp() {}

  /**
   * Compiles the application, gated on {@code gate} and releasing held requests on {@code release}.
   */
  static Path compile(Path workDir, Path gate, Path release) {
    String source =
        SOURCE
            .replace("%GATE%", gate.toAbsolutePath().toString())
            .replace("%RELEASE%", release.toAbsolutePath().toString());
    return Fixture.compileApp(workDir, "gated", "", Map.of("fixture.app.App", source));
  }
}
