package io.hotswap.testing;

import io.hotswap.loader.testing.JavaSourceCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An unmodified Vert.x application, written as any Vert.x user would (vertx-web Router, a body
 * handler, a WebSocket handler, an event-bus request/reply service deployed as a second-level
 * verticle, a periodic timer), with no hotswap import, in the versions the compat tests need.
 * Compiled with {@code javax.tools} into temp dirs.
 *
 * <p>The HTTP port is read from the system property {@code compat.port} (default 0), as an app
 * reads its configuration.
 */
public enum CompatApp {
  /** Version 1. */
  V1("v1", "", "", ""),
  /** Version 2. */
  V2("v2", "", "", ""),
  /** Version 2 that adds the route /added and the address added.address. */
  V2_ADDS(
      "v2",
      "router.get(\"/added\").handler(ctx -> ctx.response().end(\"added \" + VERSION));",
      "",
      """
      vertx.eventBus().<String>consumer("added.address", m -> m.reply("added " + HttpVerticle.VERSION));
      """),
  /** Version 3 that drops the route /echo/:msg and the echo service (address echo.address). */
  V3_DROPS("v3", "", "", ""),
  /** Version 2 that also listens on the port in system property compat.conflict.port. */
  V2_CONFLICT(
      "v2",
      "",
      """
      .compose(s -> vertx.createHttpServer().requestHandler(router)
          .listen(Integer.getInteger("compat.conflict.port")))
      """,
      ""),
  /** Version 2 that opens a raw TCP server: not supported, must fail clearly. */
  V2_NET_SERVER(
      "v2", "", ".compose(s -> vertx.createNetServer().connectHandler(so -> {}).listen(0))", ""),
  /** Version 2 that sets a WebSocket handshake handler: not supported, must fail clearly. */
  V2_HANDSHAKE("v2", "", "", ""),
  /** Version 2 that casts its Vert.x to the implementation class: must fail clearly. */
  V2_CASTS(
      "v2", "", "", "io.vertx.core.impl.VertxImpl impl = (io.vertx.core.impl.VertxImpl) vertx;");

  private static final String MAIN =
      """
      package compat.app;

      import io.vertx.core.AbstractVerticle;
      import io.vertx.core.DeploymentOptions;
      import io.vertx.core.Promise;
      import java.util.concurrent.atomic.AtomicLong;

      public class MainVerticle extends AbstractVerticle {
        static final AtomicLong TICKS = new AtomicLong();

        @Override
        public void start(Promise<Void> startPromise) {
          %MAIN_EXTRA%
          vertx.setPeriodic(20, id -> TICKS.incrementAndGet());
          vertx.eventBus().<String>consumer("ticks.address", m -> m.reply(HttpVerticle.VERSION + " " + TICKS.get()));
          %DEPLOY_ECHO%
              .compose(id -> vertx.deployVerticle(
                  "compat.app.HttpVerticle", new DeploymentOptions().setInstances(2)))
              .<Void>mapEmpty()
              .onComplete(startPromise);
        }
      }
      """;

  private static final String ECHO =
      """
      package compat.app;

      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;

      public class EchoService extends VerticleBase {
        @Override
        public Future<?> start() {
          return vertx.eventBus()
              .<String>consumer("echo.address", m -> m.reply(HttpVerticle.VERSION + ":" + m.body()))
              .completion();
        }
      }
      """;

  private static final String HTTP =
      """
      package compat.app;

      import io.vertx.core.Future;
      import io.vertx.core.VerticleBase;
      import io.vertx.core.json.JsonObject;
      import io.vertx.ext.web.Router;
      import io.vertx.ext.web.handler.BodyHandler;

      public class HttpVerticle extends VerticleBase {
        static final String VERSION = "%VERSION%";

        @Override
        public Future<?> start() {
          Router router = Router.router(vertx);
          router.route().handler(BodyHandler.create());
          router.get("/hello").handler(ctx -> ctx.response().end(VERSION));
          router.post("/items").handler(ctx -> {
            JsonObject item = ctx.body().asJsonObject();
            ctx.json(item.put("version", VERSION));
          });
          %ECHO_ROUTE%
          %ROUTES%
          return vertx.createHttpServer()
              %WEBSOCKET%
              .requestHandler(router)
              .listen(Integer.getInteger("compat.port", 0))
              %LISTEN%;
        }
      }
      """;

  private final String version;
  private final String routes;
  private final String listen;
  private final String mainExtra;

  CompatApp(String version, String routes, String listen, String mainExtra) {
    this.version = version;
    this.routes = routes;
    this.listen = listen;
    this.mainExtra = mainExtra;
  }

  /** The version the application answers with. */
  public String version() {
    return version;
  }

  /** Compiles this version into a fresh directory under {@code workDir} and returns it. */
  public Path compile(Path workDir) {
    try {
      Path out = Files.createTempDirectory(workDir, "compat-" + name().toLowerCase() + "-");
      boolean drops = this == V3_DROPS;
      Map<String, String> sources = new LinkedHashMap<>();
      sources.put(
          "compat.app.MainVerticle",
          MAIN.replace("%MAIN_EXTRA%", mainExtra)
              .replace(
                  "%DEPLOY_ECHO%",
                  drops
                      ? "io.vertx.core.Future.succeededFuture(\"\")"
                      : "vertx.deployVerticle(new EchoService())"));
      sources.put("compat.app.EchoService", ECHO);
      sources.put(
          "compat.app.HttpVerticle",
          HTTP.replace("%VERSION%", version)
              .replace(
                  "%ECHO_ROUTE%",
                  drops
                      ? ""
                      : """
                      router.get("/echo/:msg").handler(ctx -> vertx.eventBus()
                          .<String>request("echo.address", ctx.pathParam("msg"))
                          .onSuccess(reply -> ctx.response().end(reply.body()))
                          .onFailure(ctx::fail));
                      """)
              .replace("%ROUTES%", routes)
              .replace("%LISTEN%", listen)
              .replace(
                  "%WEBSOCKET%",
                  this == V2_HANDSHAKE
                      ? ".webSocketHandshakeHandler(handshake -> handshake.accept())"
                      : ".webSocketHandler(ws -> ws.textMessageHandler("
                          + "text -> ws.writeTextMessage(VERSION + \":\" + text)))"));
      JavaSourceCompiler.compile(out, sources);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
