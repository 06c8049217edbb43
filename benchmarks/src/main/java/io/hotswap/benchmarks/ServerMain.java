package io.hotswap.benchmarks;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The application under test, as its own process: {@link HelloHandler} served on plain Vert.x
 * ({@code plain}) or through a hotswap HTTP endpoint from a generated module ({@code hotswap}),
 * with an optional control port for reloads and statistics ({@link ControlApi}). Prints {@code
 * READY <port> <controlPort> <detail>} on stdout once it serves.
 *
 * <p>Usage: {@code ServerMain plain|hotswap <port> <controlPort|-1> <eventLoops> [codeDir]}. The
 * load harness starts it, and a fresh start of it is the restart-instead baseline.
 */
public final class ServerMain {
  private ServerMain() {}

  /** Starts the server; runs until the process is killed. */
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    int controlPort = Integer.parseInt(args[2]);
    int eventLoops = Integer.parseInt(args[3]);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    int bound;
    String detail = "plain Vert.x";
    HotSwap hotSwap = null;
    Path codeDir = null;
    if ("plain".equals(mode)) {
      HttpServer server =
          vertx.createHttpServer().requestHandler(new HelloHandler()).listen(port).await();
      bound = server.actualPort();
    } else if ("hotswap".equals(mode)) {
      codeDir = Path.of(args[4]);
      HotSwapOptions.Builder options =
          HotSwapOptions.builder(codeDir)
              .endpoint(EndpointSpec.http("api", port))
              .drainTimeout(Duration.ofSeconds(10))
              .maxDraining(8)
              .allowWritableCodeSource(true)
              .applicationName("bench");
      // -Dhotswap.bench.warmUp=N replays N requests against each new generation before cutover.
      int warmUp = Integer.getInteger("hotswap.bench.warmUp", 0);
      if (warmUp > 0) {
        options.warmUp(new HotSwapOptions.WarmUp("api", java.util.List.of("/"), warmUp, 8));
      }
      hotSwap = HotSwap.create(vertx, options.build());
      ReloadOutcome first = hotSwap.start().await();
      if (!first.activated()) {
        throw new IllegalStateException("first generation did not start: " + first.describe());
      }
      bound = hotSwap.httpPort("api");
      detail = first.describe();
    } else {
      throw new IllegalArgumentException("mode must be plain or hotswap, was " + mode);
    }
    int control = -1;
    if (controlPort >= 0) {
      ControlApi api = new ControlApi(vertx, hotSwap, codeDir);
      control = api.listen(controlPort).await();
    }
    // What follows the two ports is for the log (CompatThroughput prints it); ServerProcess reads
    // the ports only.
    System.out.println(
        "READY "
            + bound
            + " "
            + control
            + " event-loops="
            + eventLoops
            + " cpus="
            + Runtime.getRuntime().availableProcessors()
            + " "
            + detail);
    System.out.flush();
    Future.<Void>future(p -> {}).await();
  }
}
