package app.tree;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** The root of a tree of deployments: main deploys level 1, which deploys level 2, then 3. */
public class MainVerticle extends VerticleBase {
  static final String VERSION = "@VERSION@";

  @Override
  public Future<?> start() {
    return vertx.deployVerticle("app.tree.Level1",
        new DeploymentOptions().setConfig(new JsonObject().put("path", "main>level1")));
  }
}
