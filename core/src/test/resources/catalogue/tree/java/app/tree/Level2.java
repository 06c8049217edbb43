package app.tree;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/** Level 2: a periodic timer, a bus answer, and level 3 (by instance). */
public class Level2 extends VerticleBase {
  static final AtomicLong TICKS = new AtomicLong();

  @Override
  public Future<?> start() {
    String path = config().getString("path");
    vertx.setPeriodic(20, id -> TICKS.incrementAndGet());
    return vertx.eventBus()
        .<String>consumer("tree.level2", message -> message.reply(path + " " + MainVerticle.VERSION))
        .completion()
        .compose(registered -> vertx.deployVerticle(new Level3(),
            new DeploymentOptions().setConfig(new JsonObject().put("path", path + ">level3"))));
  }
}
