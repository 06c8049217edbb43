package io.hotswap.cli;

import io.hotswap.EndpointSpec;
import io.hotswap.HotSwap;
import io.hotswap.HotSwapOptions;
import io.hotswap.ReloadOutcome;
import io.hotswap.cluster.ClusterOptions;
import io.hotswap.cluster.HotSwapCluster;
import io.hotswap.internal.spi.HotSwapInternal;
import io.hotswap.loader.CodeSource;
import io.hotswap.loader.PlatformContent;
import io.hotswap.loader.PrivateDirectory;
import io.hotswap.loader.SnapshotFileStore;
import io.hotswap.loader.Snapshotter;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hotswap run}: a generic host in the foreground. It serves the entry verticles of a code
 * source behind an HTTP endpoint (named {@code http} unless told otherwise) and event-bus
 * endpoints, with the MXBean and the signals on: USR2/HUP reload, TERM/INT (or {@code hotswap
 * stop}) drain and exit 0. With {@code --cluster-key-file} it is a node of a Vert.x cluster (see
 * {@link ClusterArgs}) that {@code hotswap reload --cluster} rolls across.
 *
 * <p>Not thread-safe; one invocation per process.
 */
@Command(
    name = "run",
    description = "Run the entry verticles of a code source with hot reload (foreground).")
final class RunCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--code",
      required = true,
      paramLabel = "<dir|jar>",
      description = "Code source: a classes directory (optionally with lib/*.jar) or a jar.")
  Path code;

  @Option(
      names = "--http",
      paramLabel = "<port>",
      defaultValue = "8080",
      description =
          "Port of the HTTP endpoint 'http' (0 picks a free one; default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--http-name",
      defaultValue = "http",
      description = "Name of the HTTP endpoint the code binds to (default ${DEFAULT-VALUE}).")
  String httpName;

  @Option(
      names = "--event-bus",
      paramLabel = "<name>=<address>",
      description = "An event-bus endpoint; repeatable.")
  List<String> eventBus = new ArrayList<>();

  @Option(
      names = "--websocket",
      paramLabel = "<name>=<path>",
      description = "A WebSocket gateway on a path of the HTTP endpoint; repeatable.")
  List<String> webSockets = new ArrayList<>();

  @Option(
      names = "--sse",
      paramLabel = "<name>=<path>",
      description = "A server-sent-events gateway on a path of the HTTP endpoint; repeatable.")
  List<String> sse = new ArrayList<>();

  @Option(
      names = "--tcp",
      paramLabel = "<name>=<port>",
      description = "A TCP gateway (newline-delimited messages); repeatable.")
  List<String> tcp = new ArrayList<>();

  @Option(
      names = "--name",
      defaultValue = "app",
      description = "Instance name (default ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--watch", description = "Reload when the code source changes.")
  boolean watch;

  @Option(
      names = "--trigger-file",
      paramLabel = "<file>",
      description = "With --watch, reload only when this file is touched.")
  Path triggerFile;

  @Option(
      names = "--quiet-period",
      converter = DurationConverter.class,
      defaultValue = "300ms",
      description = "With --watch, how long the code must stay quiet (default ${DEFAULT-VALUE}).")
  Duration quietPeriod;

  @Option(
      names = "--lanes",
      defaultValue = "0",
      description = "Event loops (lanes) to serve on; 0 = all (default).")
  int lanes;

  @Option(
      names = "--drain-timeout",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description = "Bound on a retiring generation's in-flight work (default ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--start-timeout",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description = "Bound on starting a generation (default ${DEFAULT-VALUE}).")
  Duration startTimeout;

  @Option(
      names = "--parent-first",
      paramLabel = "<package>",
      description = "A package generations load from the host; repeatable.")
  List<String> parentFirst = new ArrayList<>();

  @Option(
      names = "--main-verticle",
      paramLabel = "<class>",
      description =
          "Run an unmodified Vert.x application: deploy this verticle as each generation's entry;"
              + " its listen() and consumer() calls become host endpoints (default: the jar's"
              + " manifest attribute Main-Verticle, if any).")
  String mainVerticle;

  @Option(
      names = "--allow-writable-code",
      description = "Accept a code source that other users may write (refused by default).")
  boolean allowWritableCode;

  @Mixin LauncherArgs launcherArgs;

  @Mixin ClusterArgs clusterArgs;

  @Mixin ObserveArgs observeArgs;

  @Mixin MetricsArgs metricsArgs;

  @Mixin TracingArgs tracingArgs;

  @Override
  public Integer call() throws InterruptedException, IOException {
    if (!HostProcess.isHost()) {
      PlatformContent platform = applicationPlatform();
      if (!platform.isEmpty()) {
        // The host must run the application's own Vert.x: a JVM of its own on that classpath.
        List<Path> classpath =
            HostClasspath.of(
                platform,
                HostClasspath.ofThisJvm(),
                PrivateDirectory.ofUser(SnapshotFileStore.BASE_PROPERTY).resolve("platform"));
        spec.commandLine()
            .getErr()
            .printf(
                "hotswap: the application brings its platform %s: starting the host on it%n",
                platform.artifacts().isEmpty() ? "(no Maven metadata)" : platform.artifacts());
        spec.commandLine().getErr().flush();
        return HostProcess.run(
            classpath, spec.root().commandLine().getParseResult().originalArgs());
      }
    }
    Optional<ClusterOptions> cluster = clusterArgs.options(spec.commandLine().getParseResult());
    HotSwapOptions built = options().build();
    VertxOptions hostOptions = vertxOptions();
    // Held until the process ends: a second instance of the same name is refused.
    InstanceNameLock held = InstanceNameLock.take(name);
    try {
      tracingArgs.start(name);
      return serve(cluster, built, hostOptions);
    } finally {
      // After the host's Vert.x closed: the SDK exports the spans it still holds.
      tracingArgs.close();
      held.close();
    }
  }

  /** The platform code the code source ships (Vert.x, Netty, Jackson, SLF4J and what they need). */
  private PlatformContent applicationPlatform() throws IOException {
    try {
      return Snapshotter.platformOf(CodeSource.of(code, allowWritableCode));
    } catch (IllegalArgumentException e) {
      throw new HotSwapCli.UsageProblem(e.getMessage());
    }
  }

  /** Starts the host and serves until a stop; the exit code. */
  private int serve(
      Optional<ClusterOptions> cluster, HotSwapOptions built, VertxOptions hostOptions)
      throws InterruptedException {
    String main = mainVerticle();
    boolean declareHttp = declaresHttp(main);
    Vertx vertx =
        cluster.isPresent()
            ? ClusterArgs.join(cluster.get(), name, tracingArgs.traced(hostOptions))
            : tracingArgs.vertx(hostOptions);
    HotSwap hotSwap = HotSwap.create(vertx, built);
    tracingArgs.bind(hotSwap);
    observeArgs.start(vertx, hotSwap);
    hotSwap.onStop(observeArgs::stop);
    CountDownLatch stopped = new CountDownLatch(1);
    hotSwap.onStop(() -> vertx.close().onComplete(closed -> stopped.countDown()));
    LauncherWatch.start(name, HotSwapInternal.of(hotSwap)::requestStop);
    ReloadOutcome first;
    try {
      first = hotSwap.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
      if (cluster.isPresent()) {
        HotSwapCluster.join(hotSwap, cluster.get())
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("cannot start: " + rootMessage(e), e);
    }
    if (!first.activated() && !watch) {
      // A server that cannot serve and will not try again exits, so its supervisor sees it.
      spec.commandLine()
          .getErr()
          .printf(
              "hotswap: '%s' cannot serve: %s%n(with --watch it waits for a build that works)%n",
              name, first.describe());
      spec.commandLine().getErr().flush();
      closeQuietly(hotSwap, vertx);
      return 1;
    }
    metricsArgs.start(vertx, hotSwap);
    String serving =
        declareHttp
            ? "http://localhost:" + hotSwap.httpPort(httpName) + "/"
            : main + " on " + endpoints(hotSwap);
    spec.commandLine()
        .getOut()
        .printf(
            "hotswap '%s' (pid %d) serving %s from %s%n%s%n",
            name, ProcessHandle.current().pid(), serving, code.toAbsolutePath(), first.describe());
    spec.commandLine().getOut().flush();
    stopped.await();
    metricsArgs.close();
    spec.commandLine().getOut().printf("hotswap '%s' stopped%n", name);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static void closeQuietly(HotSwap hotSwap, Vertx vertx) {
    try {
      hotSwap
          .close()
          .eventually(() -> vertx.close())
          .toCompletionStage()
          .toCompletableFuture()
          .get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Exiting anyway: what did not close ends with the process.
    }
  }

  /** The main verticle: {@code --main-verticle}, else the jar manifest's, else null. */
  String mainVerticle() {
    String main = mainVerticle != null ? mainVerticle : JarMainVerticle.of(code);
    return main != null && main.startsWith("java:") ? main.substring(5) : main;
  }

  /**
   * An unmodified application opens its own ports through the host; the declared HTTP endpoint
   * would take its port, so in that mode it exists only when --http is given.
   */
  private boolean declaresHttp(String main) {
    return main == null || spec.commandLine().getParseResult().hasMatchedOption("--http");
  }

  /** The options the parsed command line asks for. */
  HotSwapOptions.Builder options() {
    String main = mainVerticle();
    HotSwapOptions.Builder options =
        HotSwapOptions.builder(code)
            .applicationName(name)
            .lanes(lanes)
            .drainTimeout(drainTimeout)
            .startTimeout(startTimeout)
            .allowWritableCodeSource(allowWritableCode)
            .watch(watch)
            .watchQuietPeriod(quietPeriod)
            .signals(true)
            .jmx(true);
    if (declaresHttp(main)) {
      options.endpoint(EndpointSpec.http(httpName, httpPort));
    }
    if (main != null) {
      options.mainVerticle(main);
    }
    launcherArgs.applyTo(main, options);
    if (triggerFile != null) {
      options.watchTriggerFile(triggerFile);
    }
    for (String endpoint : eventBus) {
      String[] pair = pair("--event-bus", endpoint);
      options.endpoint(EndpointSpec.eventBus(pair[0], pair[1]));
    }
    for (String endpoint : webSockets) {
      String[] pair = pair("--websocket", endpoint);
      options.endpoint(EndpointSpec.webSocket(pair[0], httpName, pair[1]));
    }
    for (String endpoint : sse) {
      String[] pair = pair("--sse", endpoint);
      options.endpoint(EndpointSpec.sse(pair[0], httpName, pair[1]));
    }
    for (String endpoint : tcp) {
      String[] pair = pair("--tcp", endpoint);
      try {
        options.endpoint(EndpointSpec.tcp(pair[0], Integer.parseInt(pair[1])));
      } catch (NumberFormatException e) {
        throw new HotSwapCli.UsageProblem("--tcp takes <name>=<port>, not " + endpoint);
      }
    }
    parentFirst.forEach(options::parentFirstPackage);
    return options;
  }

  /** The host's Vert.x options: {@code --options}, or the defaults. */
  VertxOptions vertxOptions() {
    return launcherArgs.vertxOptions();
  }

  private static String[] pair(String option, String value) {
    int split = value.indexOf('=');
    if (split <= 0 || split == value.length() - 1) {
      throw new HotSwapCli.UsageProblem(option + " takes <name>=<value>, not " + value);
    }
    return new String[] {value.substring(0, split), value.substring(split + 1)};
  }

  /** The endpoints the application opened, e.g. {@code [http:8080 (port 8080), bus:greet]}. */
  private static String endpoints(HotSwap hotSwap) {
    try {
      return hotSwap
          .status()
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS)
          .endpoints()
          .stream()
          .map(endpoint -> endpoint.name() + " (" + endpoint.address() + ")")
          .toList()
          .toString();
    } catch (Exception e) {
      return "its endpoints";
    }
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }
}
