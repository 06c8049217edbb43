package io.hotswap.demo;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's host application: never reloaded. It owns Vert.x, an HTTP endpoint, an event-bus
 * endpoint and a WebSocket gateway, and runs the reloadable module {@code demo/app} with the file
 * watch, the MXBean and the signals on. Started by {@code bin/demo}.
 *
 * <p>Arguments: {@code [port] [code-dir]}; defaults 8080 and {@code demo/app/target/classes}.
 */
public final class DemoHost {
  private static final Logger LOG = LoggerFactory.getLogger(DemoHost.class);

  private DemoHost() {}

  /** Starts the demo and blocks until it is stopped (Ctrl-C, SIGTERM or bin/hotswap stop). */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    Path code = Path.of(args.length > 1 ? args[1] : "demo/app/target/classes").toAbsolutePath();
    if (!Files.isDirectory(code)) {
      LOG.error("no reloadable module at {}: build it with 'mvn -q -o compile -pl demo/app'", code);
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    HotSwap hotSwap =
        HotSwap.create(
            vertx,
            HotSwapOptions.builder(code)
                .applicationName("demo")
                .endpoint(EndpointSpec.http("http", port))
                .endpoint(EndpointSpec.eventBus("greetings", "demo.greetings"))
                .endpoint(EndpointSpec.webSocket("chat", "http", "/chat"))
                .drainTimeout(Duration.ofSeconds(15))
                .watch(true)
                .jmx(true)
                .signals(true)
                .build());
    CountDownLatch stopped = new CountDownLatch(1);
    hotSwap.onStop(() -> vertx.close().onComplete(done -> stopped.countDown()));
    ReloadOutcome first =
        hotSwap.start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
    int actualPort = hotSwap.httpPort("http");
    LOG.info(first.describe());
    LOG.info(
        """

        ==> hotswap demo running (pid {}) on http://localhost:{}/
            try:    curl 'http://localhost:{}/api/greeting?name=you'
                    curl 'http://localhost:{}/api/bus?name=bus'
            chat:   a WebSocket client on ws://localhost:{}/chat (websocat, a browser console)
            edit:   demo/app/src/main/java/demo/app/Greeting.java  (VERSION or TEMPLATE)
            build:  mvn -q -o compile -pl demo/app
            then the file watch reloads it; watch the log and the answers.
            status: bin/hotswap status      reload: bin/hotswap reload      stop: bin/hotswap stop
        """,
        ProcessHandle.current().pid(),
        actualPort,
        actualPort,
        actualPort,
        actualPort);
    stopped.await();
    LOG.info("demo stopped");
    System.exit(0);
  }
}
