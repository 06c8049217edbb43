package app.rest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON REST API of items kept in memory. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  private final Map<Integer, JsonObject> items = new LinkedHashMap<>();
  private int nextId = 1;

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(BodyHandler.create());
    router.get("/api/version").handler(ctx -> ctx.json(new JsonObject().put("version", VERSION)));
    router.get("/api/items").handler(ctx -> ctx.json(new JsonArray(new ArrayList<>(items.values()))));
    router.post("/api/items").handler(this::create);
    router.get("/api/items/:id").handler(ctx -> {
      JsonObject item = items.get(id(ctx));
      if (item == null) {
        notFound(ctx);
      } else {
        ctx.json(item);
      }
    });
    router.put("/api/items/:id").handler(ctx -> {
      int id = id(ctx);
      JsonObject body = body(ctx);
      if (body == null) {
        return;
      }
      if (!items.containsKey(id)) {
        notFound(ctx);
        return;
      }
      JsonObject item = body.put("id", id).put("version", VERSION);
      items.put(id, item);
      ctx.json(item);
    });
    router.delete("/api/items/:id").handler(ctx -> {
      if (items.remove(id(ctx)) == null) {
        notFound(ctx);
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
    router.get("/api/boom").handler(ctx -> {
      throw new IllegalStateException("boom");
    });
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(Integer.getInteger("http.port", 8080));
  }

  private void create(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) {
      return;
    }
    if (!body.containsKey("name")) {
      ctx.response().setStatusCode(422);
      ctx.json(new JsonObject().put("error", "name is required"));
      return;
    }
    int id = nextId++;
    JsonObject item = body.copy().put("id", id).put("version", VERSION);
    items.put(id, item);
    ctx.response().setStatusCode(201).putHeader("location", "/api/items/" + id);
    ctx.json(item);
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        ctx.fail(400);
      }
      return body;
    } catch (DecodeException e) {
      ctx.fail(400, e);
      return null;
    }
  }

  private static int id(RoutingContext ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404);
    ctx.json(new JsonObject().put("error", "no item " + ctx.pathParam("id")));
  }
}
