package app.pojo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** JSON POJOs (mapFrom/mapTo) sent over the event bus with the application's own codecs. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    vertx.eventBus().registerDefaultCodec(Greeting.class, new GreetingCodec());
    vertx.eventBus().registerCodec(new ShoutCodec());
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.get("/version").handler(ctx -> ctx.response().end("pojo " + VERSION));
    router.post("/greet").handler(ctx -> {
      Greeting greeting = ctx.body().asJsonObject().mapTo(Greeting.class);
      vertx.eventBus().<Greeting>request("greeter", greeting)
          .onSuccess(reply -> ctx.json(JsonObject.mapFrom(reply.body())))
          .onFailure(ctx::fail);
    });
    router.get("/shout/:word").handler(ctx -> vertx.eventBus()
        .<String>request("shouter", ctx.pathParam("word"), new DeliveryOptions().setCodecName("shout"))
        .onSuccess(reply -> ctx.response().end(VERSION + " " + reply.body()))
        .onFailure(ctx::fail));
    return vertx.deployVerticle(new GreeterVerticle())
        .compose(id -> vertx.createHttpServer()
            .requestHandler(router)
            .listen(Integer.getInteger("http.port", 8080)));
  }
}
