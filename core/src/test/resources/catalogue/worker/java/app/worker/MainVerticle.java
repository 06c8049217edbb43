package app.worker;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** Deploys a worker verticle that answers over the event bus, and an HTTP front of it. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/compute/:n").handler(ctx -> vertx.eventBus()
        .<JsonObject>request("worker.compute", new JsonObject().put("n", Integer.parseInt(ctx.pathParam("n"))))
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(failure -> ctx.response().setStatusCode(502).end(String.valueOf(failure.getMessage()))));
    return vertx.deployVerticle(new WorkerVerticle(),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .compose(id -> vertx.createHttpServer()
            .requestHandler(router)
            .listen(Integer.getInteger("http.port", 8080)));
  }
}
