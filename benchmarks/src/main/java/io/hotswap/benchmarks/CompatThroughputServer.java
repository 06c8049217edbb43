package io.hotswap.benchmarks;

import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The child JVM of {@link CompatThroughput}: the compiled {@link CompatThroughputApp} on a {@code
 * Vertx} with default options, either deployed the plain Vert.x way from its classes through a
 * {@link URLClassLoader} of its own ({@code plain}) or run by hotswap in compat mode ({@code
 * hotswap}, {@link HotSwapOptions.Builder#mainVerticle}). Prints {@code READY <port> <detail>} on
 * stdout once it serves.
 *
 * <p>Usage: {@code CompatThroughputServer plain|hotswap <codeDir> <port>}. Runs until killed.
 */
public final class CompatThroughputServer {
  private CompatThroughputServer() {}

  /** Starts the server; runs until the process is killed. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path code = Path.of(args[1]);
    int port = Integer.parseInt(args[2]);
    JsonObject config = new JsonObject().put("http.port", port);
    Vertx vertx = Vertx.vertx();
    String detail;
    if ("plain".equals(mode)) {
      ClassLoader loader =
          new URLClassLoader(
              new URL[] {code.toUri().toURL()}, CompatThroughputServer.class.getClassLoader());
      Deployable verticle =
          (Deployable)
              loader.loadClass(CompatThroughputApp.MAIN).getDeclaredConstructor().newInstance();
      String id = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await();
      detail = "deployed " + id;
    } else if ("hotswap".equals(mode)) {
      HotSwap hotSwap =
          HotSwap.create(
              vertx,
              HotSwapOptions.builder(code)
                  .mainVerticle(CompatThroughputApp.MAIN)
                  .mainConfig(config)
                  .applicationName("compat-throughput")
                  .build());
      ReloadOutcome first = hotSwap.start().await();
      if (!first.activated()) {
        throw new IllegalStateException("first generation did not start: " + first.describe());
      }
      if (hotSwap.httpPort("http:" + port) != port) {
        throw new IllegalStateException("endpoint http:" + port + " is not on port " + port);
      }
      detail = first.describe();
    } else {
      throw new IllegalArgumentException("mode must be plain or hotswap, was " + mode);
    }
    System.out.println(
        "READY "
            + port
            + " event-loops="
            + VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE
            + " cpus="
            + Runtime.getRuntime().availableProcessors()
            + " "
            + detail);
    System.out.flush();
    Future.<Void>future(p -> {}).await();
  }
}
