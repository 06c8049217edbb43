package app.tree;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** Level 1: answers on the bus and deploys level 2 (by class, with its config). */
public class Level1 extends VerticleBase {

  @Override
  public Future<?> start() {
    String path = config().getString("path");
    return vertx.eventBus()
        .<String>consumer("tree.level1", message -> message.reply(path + " " + MainVerticle.VERSION))
        .completion()
        .compose(registered -> vertx.deployVerticle(Level2.class,
            new DeploymentOptions().setConfig(new JsonObject().put("path", path + ">level2"))));
  }
}
