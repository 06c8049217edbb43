package app.sockjs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.sockjs.SockJSBridgeOptions;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;

/** An event-bus bridge over SockJS: browsers send to "echo" and receive "news". */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    SockJSBridgeOptions options = new SockJSBridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress("echo"))
        .addOutboundPermitted(new PermittedOptions().setAddress("news"));
    Router router = Router.router(vertx);
    router.get("/version").handler(ctx -> ctx.response().end("sockjs " + VERSION));
    router.route("/eventbus/*").handler(BodyHandler.create());
    router.route("/eventbus/*").subRouter(SockJSHandler.create(vertx).bridge(options));
    return vertx.eventBus()
        .<String>consumer("echo", message -> message.reply(VERSION + ":" + message.body()))
        .completion()
        .compose(registered -> vertx.createHttpServer()
            .requestHandler(router)
            .listen(Integer.getInteger("http.port", 8080)));
  }
}
