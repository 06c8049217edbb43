package io.hotswap.benchmarks;

import java.nio.file.Path;

/**
 * The unmodified Vert.x application {@link CompatThroughput} serves on plain Vert.x and under
 * hotswap compat mode: a vertx-web REST {@code Router} in ONE verticle instance ({@code GET
 * /api/items/:id} answers a JSON object), listening on the port of its {@code http.port} config
 * entry, with no hotswap import. Compiled with {@code javax.tools} against the running class path.
 *
 * <p>Stateless and thread-safe.
 */
final class CompatThroughputApp {
  /** The main verticle's class name. */
  static final String MAIN = "throughput.app.MainVerticle";

  /** The measured path. */
  static final String PATH = "/api/items/1";

  /** The body {@link #PATH} answers. */
  static final String BODY = "{\"id\":\"1\",\"name\":\"item\"}";

  private static final String MAIN_SOURCE =
      """
      package throughput.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;
      import io.vertx.core.json.JsonObject;
      import io.vertx.ext.web.Router;

      public class MainVerticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> startPromise) {
          Router router = Router.router(vertx);
          router.get("/api/items/:id").handler(ctx -> ctx.json(
              new JsonObject().put("id", ctx.pathParam("id")).put("name", "item")));
          vertx.createHttpServer().requestHandler(router)
              .listen(config().getInteger("http.port", 8080))
              .<Void>mapEmpty().onComplete(startPromise);
        }
      }
      """;

  private CompatThroughputApp() {}

  /** Compiles the application into a fresh directory and returns it. */
  static Path compile() {
    return AppCompiler.compile("compat-throughput", MAIN, MAIN_SOURCE);
  }
}
