package io.hotswap.cli;

import io.hotswap.HotSwap;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The observation options of {@code hotswap run}, both opt-in: {@code --health [host:]port} serves
 * {@code /ready} and {@code /health} ({@link HealthRoutes}), {@code --dashboard [host:]port} a live
 * page ({@link DashboardRoutes}, {@link StatusFeed}). Each listens on loopback unless it names a
 * host, and a host beyond this machine is refused without {@code --health-allow-remote} or {@code
 * --dashboard-allow-remote}. The servers run on the host's Vert.x, outside every generation.
 *
 * <p>Lifecycle: picocli fills it in, {@link #start} (once, right after the {@code HotSwap} is
 * created, so readiness answers 503 before the first generation) binds the servers, {@link #stop}
 * turns readiness DOWN for good and closes them. Not thread-safe: called from the command's thread.
 */
final class ObserveArgs {
  private static final Logger LOG = LoggerFactory.getLogger(ObserveArgs.class);
  private static final long BIND_TIMEOUT_SECONDS = 30;

  @Option(
      names = "--health",
      paramLabel = "[<host>:]<port>",
      description =
          "Serve GET /ready (200 while a generation is active, 503 before and while stopping) and"
              + " GET /health here (loopback unless a host is given; 0 picks a free port).")
  String health;

  @Option(
      names = "--health-allow-remote",
      description = "Let --health listen on a non-loopback address.")
  boolean healthAllowRemote;

  @Option(
      names = "--dashboard",
      paramLabel = "[<host>:]<port>",
      description =
          "Serve a live dashboard (generations, traffic, reloads, a Reload button) here (loopback"
              + " unless a host is given; 0 picks a free port).")
  String dashboard;

  @Option(
      names = "--dashboard-allow-remote",
      description = "Let --dashboard listen on a non-loopback address (its Reload button too).")
  boolean dashboardAllowRemote;

  private final List<HttpServer> servers = new ArrayList<>();
  private Readiness readiness;
  private StatusFeed feed;

  /** What {@link #start} bound: the ports, -1 for a server not asked for. */
  record Bound(int healthPort, int dashboardPort) {}

  /**
   * Binds the servers asked for, on {@code vertx}, observing {@code hotSwap}; waits for them to
   * listen.
   *
   * @throws HotSwapCli.UsageProblem for a malformed or refused address
   * @throws IllegalStateException when a server cannot listen
   */
  Bound start(Vertx vertx, HotSwap hotSwap) {
    ListenAddress healthAt =
        health == null ? null : ListenAddress.parse("--health", health, healthAllowRemote);
    ListenAddress dashboardAt =
        dashboard == null
            ? null
            : ListenAddress.parse("--dashboard", dashboard, dashboardAllowRemote);
    if (healthAt != null
        && dashboardAt != null
        && healthAt.port() == dashboardAt.port()
        && healthAt.port() != 0) {
      throw new HotSwapCli.UsageProblem("--health and --dashboard need different ports");
    }
    int healthPort = -1;
    int dashboardPort = -1;
    if (healthAt != null) {
      readiness = new Readiness();
      hotSwap.addListener(readiness);
      readiness.seed(hotSwap.activeGeneration());
      healthPort = listen(vertx, healthAt, new HealthRoutes(hotSwap, readiness), "health");
      String at = healthAt.describe(healthPort);
      LOG.info("readiness on http://{}/ready, liveness on http://{}/health", at, at);
    }
    if (dashboardAt != null) {
      feed = new StatusFeed(vertx, hotSwap);
      hotSwap.addListener(feed);
      feed.start();
      dashboardPort = listen(vertx, dashboardAt, new DashboardRoutes(hotSwap, feed), "dashboard");
      LOG.info("dashboard on http://{}/", dashboardAt.describe(dashboardPort));
    }
    return new Bound(healthPort, dashboardPort);
  }

  /** The instance stops: readiness DOWN for good, feeds ended, servers closed. */
  void stop() {
    if (readiness != null) {
      readiness.stop();
    }
    if (feed != null) {
      feed.close();
    }
    servers.forEach(HttpServer::close);
  }

  private int listen(
      Vertx vertx, ListenAddress at, Handler<HttpServerRequest> routes, String what) {
    HttpServer server =
        vertx.createHttpServer(new HttpServerOptions().setHost(at.host()).setPort(at.port()));
    Future<HttpServer> listening = server.requestHandler(routes).listen();
    try {
      HttpServer bound =
          listening
              .toCompletionStage()
              .toCompletableFuture()
              .get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      servers.add(bound);
      return bound.actualPort();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the " + what + " server bound", e);
    } catch (Exception e) {
      stop();
      throw new IllegalStateException(
          "the " + what + " server cannot listen on " + at.describe(at.port()) + ": " + e, e);
    }
  }
}
