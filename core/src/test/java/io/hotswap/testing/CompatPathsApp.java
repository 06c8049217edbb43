package io.hotswap.testing;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An unmodified Vert.x application whose routes end a request on every path the host's in-flight
 * ledger must see: a plain answer, an answer from a timer, a handler that throws before and after
 * the head was written, a body never read, a request that never answers (the client resets the
 * connection), event-bus send, publish and request (including one whose consumer throws), and a
 * WebSocket echo. Its HTTP verticle has ONE instance, so on a host with more event loops most
 * requests are handed to that instance's own loop, as in the report.
 *
 * <p>Compiled with {@code javax.tools}; the version is baked into the answers. Thread-safe.
 */
public final class CompatPathsApp {
  /** The main verticle's class name. */
  public static final String MAIN = "paths.app.MainVerticle";

  private static final String MAIN_SOURCE =
      """
      package paths.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.DeploymentOptions;
      import io.vertx.core.Promise;

      public class MainVerticle extends AbstractVerticle {
        @Override
        public void start(Promise<Void> startPromise) {
          vertx.eventBus().<String>consumer("paths.address", m -> {
            if (m.replyAddress() != null) {
              m.reply(HttpVerticle.VERSION + ":" + m.body());
            }
          });
          vertx.eventBus().<String>consumer("paths.throws", m -> {
            throw new IllegalStateException("consumer fails on purpose");
          });
          vertx.deployVerticle("paths.app.HttpVerticle", new DeploymentOptions().setInstances(1))
              .<Void>mapEmpty()
              .onComplete(startPromise);
        }
      }
      """;

  private static final String HTTP_SOURCE =
      """
      package paths.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.Promise;

      public class HttpVerticle extends AbstractVerticle {
        static final String VERSION = "%VERSION%";

        @Override
        public void start(Promise<Void> startPromise) {
          vertx.createHttpServer()
              .webSocketHandler(ws -> ws.textMessageHandler(t -> ws.writeTextMessage(VERSION + ":" + t)))
              .requestHandler(req -> {
                switch (req.path()) {
                  case "/hello" -> req.response().end(VERSION);
                  case "/later" -> vertx.setTimer(5, id -> req.response().end(VERSION));
                  case "/throw" -> throw new IllegalStateException("handler fails on purpose");
                  case "/throw-after-head" -> {
                    req.response().setChunked(true).write("partial");
                    throw new IllegalStateException("handler fails after the head on purpose");
                  }
                  case "/ignore-body" -> req.response().end(VERSION);
                  case "/read-body" -> req.body().onSuccess(b -> req.response().end(VERSION + ":" + b.length()));
                  case "/hang" -> { }
                  case "/bus-send" -> {
                    vertx.eventBus().send("paths.address", "s");
                    req.response().end(VERSION);
                  }
                  case "/bus-publish" -> {
                    vertx.eventBus().publish("paths.address", "p");
                    req.response().end(VERSION);
                  }
                  case "/bus-request" -> vertx.eventBus().<String>request("paths.address", "r")
                      .onComplete(ar -> req.response().end(ar.succeeded() ? ar.result().body() : "failed"));
                  case "/bus-throws" -> vertx.eventBus().request("paths.throws", "x")
                      .onComplete(ar -> req.response().setStatusCode(ar.succeeded() ? 200 : 502).end());
                  default -> req.response().setStatusCode(404).end();
                }
              })
              .listen(0)
              .<Void>mapEmpty()
              .onComplete(startPromise);
        }
      }
      """;

  private CompatPathsApp() {}

  /** Compiles the version {@code version} into a fresh directory under {@code workDir}. */
  public static Path compile(Path workDir, String version) {
    try {
      Path out = Files.createTempDirectory(workDir, "compat-paths-" + version + "-");
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put("paths.app.MainVerticle", MAIN_SOURCE);
      sources.put("paths.app.HttpVerticle", HTTP_SOURCE.replace("%VERSION%", version));
      JavaSourceCompiler.compile(out, sources);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
