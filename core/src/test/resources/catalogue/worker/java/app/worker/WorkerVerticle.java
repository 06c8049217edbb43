package app.worker;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** A worker verticle: blocking work in its consumer is allowed. */
public class WorkerVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer("worker.compute", message -> {
      int n = message.body().getInteger("n", 0);
      long sum = 0;
      for (int i = 1; i <= n; i++) {
        sum += i;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      message.reply(new JsonObject()
          .put("version", MainVerticle.VERSION)
          .put("n", n)
          .put("sum", sum)
          .put("worker", Context.isOnWorkerThread())
          .put("threadingModel", context.threadingModel().name())
          .put("thread", Thread.currentThread().getName().replaceAll("-\\d+$", "")));
    }).completion();
  }
}
