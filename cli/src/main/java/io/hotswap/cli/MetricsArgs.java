package io.hotswap.cli;

import io.hotswap.HotSwap;
import io.hotswap.metrics.HotSwapMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The metrics options of {@code hotswap run}: {@code --metrics [host:]port} binds the instance's
 * meters ({@link HotSwapMetrics}) to a Prometheus registry and serves {@code GET /metrics} in the
 * Prometheus text format 0.0.4 from a small HTTP server on the host's Vert.x. The server has no
 * authentication, so it listens on loopback ({@code 127.0.0.1}) unless a host is given, and a host
 * that is not a loopback address is refused without {@code --metrics-allow-remote}.
 *
 * <p>Lifecycle: filled in by picocli, {@link #start} once the instance started, {@link #close()} on
 * stop. Not thread-safe.
 */
final class MetricsArgs {
  /** The content type of the Prometheus text format 0.0.4. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The path the metrics are served on. */
  static final String PATH = "/metrics";

  private static final String LOOPBACK = "127.0.0.1";
  private static final long LISTEN_TIMEOUT_SECONDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(MetricsArgs.class);

  @Option(
      names = "--metrics",
      paramLabel = "<[host:]port>",
      description =
          "Serve Prometheus metrics on GET /metrics at this port (0 picks a free one), on"
              + " loopback (127.0.0.1) unless a host is given.")
  String metrics;

  @Option(
      names = "--metrics-allow-remote",
      description =
          "Let --metrics listen on a host that is not loopback (the endpoint has no"
              + " authentication).")
  boolean allowRemote;

  private PrometheusMeterRegistry registry;
  private HotSwapMetrics bound;
  private HttpServer server;

  /**
   * Where {@code --metrics} listens: a port alone means loopback; {@code host:port} or {@code
   * [v6-address]:port} otherwise.
   */
  record Address(String host, int port) {}

  /**
   * Parses {@code value} and refuses a host that is not a loopback address unless {@code
   * allowRemote}.
   *
   * @throws HotSwapCli.UsageProblem when the value is malformed or the host is refused
   */
  static Address address(String value, boolean allowRemote) {
    String host = LOOPBACK;
    String port = value.trim();
    int split = port.lastIndexOf(':');
    if (split >= 0) {
      host = port.substring(0, split);
      port = port.substring(split + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        throw new HotSwapCli.UsageProblem("--metrics takes [host:]port, not " + value);
      }
    }
    int number;
    try {
      number = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new HotSwapCli.UsageProblem("--metrics takes [host:]port, not " + value);
    }
    if (number < 0 || number > 65535) {
      throw new HotSwapCli.UsageProblem("--metrics port must be 0 to 65535, not " + number);
    }
    if (!allowRemote && !isLoopback(host)) {
      throw new HotSwapCli.UsageProblem(
          "--metrics on "
              + host
              + " would serve the metrics beyond this machine without authentication; give"
              + " --metrics-allow-remote to mean it, or a loopback host (default 127.0.0.1)");
    }
    return new Address(host, number);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new HotSwapCli.UsageProblem("--metrics: unknown host " + host);
    }
  }

  /**
   * Binds the meters of {@code hotSwap} and serves them, when {@code --metrics} was given; waits
   * until the server listens.
   *
   * @throws HotSwapCli.UsageProblem when the address is malformed or refused
   * @throws IllegalStateException when the server cannot listen
   */
  void start(Vertx vertx, HotSwap hotSwap) {
    if (metrics == null) {
      return;
    }
    Address address = address(metrics, allowRemote);
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    bound = HotSwapMetrics.bind(hotSwap, vertx, registry);
    server = vertx.createHttpServer().requestHandler(this::handle);
    try {
      server
          .listen(address.port(), address.host())
          .toCompletionStage()
          .toCompletableFuture()
          .get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while the metrics server started", e);
    } catch (Exception e) {
      close();
      throw new IllegalStateException(
          "cannot serve metrics on " + address.host() + ":" + address.port() + ": " + e, e);
    }
    LOG.info(
        "'{}': metrics on http://{}:{}{}",
        hotSwap.options().applicationName(),
        address.host().contains(":") ? "[" + address.host() + "]" : address.host(),
        server.actualPort(),
        PATH);
  }

  /** The port the metrics server listens on; -1 when it does not. */
  int port() {
    return server == null ? -1 : server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    if (!PATH.equals(request.path())) {
      request.response().setStatusCode(404).end();
    } else if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
    } else {
      String body = registry.scrape(CONTENT_TYPE);
      request.response().putHeader("Content-Type", CONTENT_TYPE);
      if (request.method() == HttpMethod.HEAD) {
        request.response().end();
      } else {
        request.response().end(body);
      }
    }
  }

  /** Stops serving and unbinds the meters. Idempotent. */
  void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (bound != null) {
      bound.close();
      bound = null;
    }
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }
}
