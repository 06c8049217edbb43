package demo.app;

import io.hotswap.api.Bindings;
import io.hotswap.api.GenerationEntry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The demo's JSON HTTP API on a vertx-web Router, bound to the host's {@code http} endpoint. One
 * instance per host event loop; every reload deploys a fresh one from the new build.
 */
@GenerationEntry
public class ApiVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    Bindings bindings = Bindings.of(context);
    long generation = bindings.generation();
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router
        .get("/")
        .handler(rc -> json(rc, generation, new JsonObject().put("message", Greeting.to("world"))));
    router
        .get("/api/greeting")
        .handler(
            rc ->
                json(
                    rc,
                    generation,
                    new JsonObject().put("message", Greeting.to(rc.queryParams().get("name")))));
    router
        .post("/api/echo")
        .handler(
            rc -> {
              JsonObject body = rc.body().asJsonObject();
              json(
                  rc,
                  generation,
                  new JsonObject().put("echo", body == null ? new JsonObject() : body));
            });
    router
        .get("/api/slow")
        .handler(
            rc -> {
              long ms =
                  Math.min(
                      10_000,
                      Long.parseLong(
                          rc.queryParams().get("ms") == null
                              ? "2000"
                              : rc.queryParams().get("ms")));
              vertx.setTimer(ms, t -> json(rc, generation, new JsonObject().put("sleptMs", ms)));
            });
    router
        .get("/api/bus")
        .handler(
            rc ->
                vertx
                    .eventBus()
                    .<String>request("demo.greetings", rc.queryParams().get("name"))
                    .onSuccess(
                        reply -> json(rc, generation, new JsonObject().put("reply", reply.body())))
                    .onFailure(rc::fail));
    bindings.http("http", router);
    return Future.succeededFuture();
  }

  private static void json(RoutingContext rc, long generation, JsonObject body) {
    rc.response()
        .putHeader("content-type", "application/json")
        .putHeader("X-Generation", Long.toString(generation))
        .end(body.put("version", Greeting.VERSION).put("generation", generation).encode());
  }
}
