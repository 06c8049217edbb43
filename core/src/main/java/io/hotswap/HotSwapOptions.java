package io.hotswap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a {@link HotSwap} instance runs: where the code comes from, which endpoints the host owns,
 * and the bounds of each lifecycle phase. Build one with {@link #builder(Path)}.
 *
 * @param codeSource a directory of classes (optionally with {@code lib/*.jar}) or a jar
 * @param endpoints the host endpoints, each with a unique name
 * @param parentFirstPackages packages, beyond the defaults, that generations load from the host
 * @param startTimeout bound on deploying a generation's entry verticles
 * @param drainTimeout bound on a retiring generation's in-flight work
 * @param leakTimeout how long a retired classloader may stay reachable before it is LEAKED
 * @param maxDraining how many generations may drain at once; more refuses a reload
 * @param lanes host event loops the endpoints run on; 0 takes every event loop of the Vert.x
 *     instance
 * @param allowWritableCodeSource accept a code source that users other than its owner may write
 * @param applicationName the name in logs and management views
 * @param watch reload when the code source changes (a settled change whose content hash differs)
 * @param watchQuietPeriod how long the code source must stay quiet before a change counts
 * @param watchTriggerFile with a watch, react only to changes of this file (the build touches it
 *     when done)
 * @param jmx register the MXBean {@code io.hotswap:type=HotSwap,name=<applicationName>}
 * @param signals USR2/HUP reload, TERM/INT stop gracefully (then the stop actions run)
 * @param stateMaxEntries the state store's bound on entries
 * @param stateIdleTimeout evict state entries not read or written for this long, if set
 * @param checkTimeout bound on a new generation's health checks and state hand-off
 * @param snapshotCacheBytes bytes of recent snapshots kept for rollback without reading disk
 * @param autoRollback roll back a new generation whose early error rate is too high, if set
 * @param warmUp requests replayed against a new generation before its cutover, if set
 * @param leakHeapDumpDir when a generation is LEAKED, write a heap dump of live objects here
 * @param mainVerticle the class name of an unmodified Vert.x verticle to deploy as each
 *     generation's entry (compat mode), if set; see {@link Builder#mainVerticle}
 * @param cluster make this instance a node of a roll group of a Vert.x cluster, if set; see {@link
 *     Builder#cluster}
 * @param mainDeployment how the main verticle is deployed (instances, threading model, config); see
 *     {@link Builder#mainDeploymentOptions}
 */
public record HotSwapOptions(
    Path codeSource,
    List<EndpointSpec> endpoints,
    Set<String> parentFirstPackages,
    Duration startTimeout,
    Duration drainTimeout,
    Duration leakTimeout,
    int maxDraining,
    int lanes,
    boolean allowWritableCodeSource,
    String applicationName,
    boolean watch,
    Duration watchQuietPeriod,
    Optional<Path> watchTriggerFile,
    boolean jmx,
    boolean signals,
    long stateMaxEntries,
    Optional<Duration> stateIdleTimeout,
    Duration checkTimeout,
    long snapshotCacheBytes,
    Optional<AutoRollback> autoRollback,
    Optional<WarmUp> warmUp,
    Optional<Path> leakHeapDumpDir,
    Optional<String> mainVerticle,
    Optional<ClusterOptions> cluster,
    MainDeployment mainDeployment) {

  /** Validates the options; see {@link Builder} for the defaults. */
  public HotSwapOptions {
    Objects.requireNonNull(codeSource, "codeSource");
    endpoints = List.copyOf(endpoints);
    parentFirstPackages = Set.copyOf(parentFirstPackages);
    Set<String> names = new HashSet<>();
    for (EndpointSpec endpoint : endpoints) {
      if (!names.add(endpoint.name())) {
        throw new IllegalArgumentException("two endpoints are named '" + endpoint.name() + "'");
      }
    }
    requirePositive(startTimeout, "startTimeout");
    requirePositive(drainTimeout, "drainTimeout");
    requirePositive(leakTimeout, "leakTimeout");
    if (maxDraining < 1) {
      throw new IllegalArgumentException("maxDraining must be at least 1, was " + maxDraining);
    }
    if (lanes < 0) {
      throw new IllegalArgumentException("lanes must be 0 (all event loops) or more: " + lanes);
    }
    Objects.requireNonNull(applicationName, "applicationName");
    requirePositive(watchQuietPeriod, "watchQuietPeriod");
    Objects.requireNonNull(watchTriggerFile, "watchTriggerFile");
    if (stateMaxEntries < 1) {
      throw new IllegalArgumentException("stateMaxEntries must be positive: " + stateMaxEntries);
    }
    stateIdleTimeout.ifPresent(idle -> requirePositive(idle, "stateIdleTimeout"));
    requirePositive(checkTimeout, "checkTimeout");
    if (snapshotCacheBytes < 0) {
      throw new IllegalArgumentException("snapshotCacheBytes must be 0 or more");
    }
    Objects.requireNonNull(autoRollback, "autoRollback");
    Objects.requireNonNull(warmUp, "warmUp");
    Objects.requireNonNull(leakHeapDumpDir, "leakHeapDumpDir");
    Objects.requireNonNull(mainVerticle, "mainVerticle");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(mainDeployment, "mainDeployment");
  }

  /**
   * Requests sent to a new generation's handlers, over loopback, before it takes traffic, so the
   * first real requests do not pay for class loading and interpretation. Answers are discarded.
   *
   * @param endpoint the HTTP endpoint to send them through
   * @param paths GET paths, used in turn
   * @param requests how many requests in all
   * @param concurrency how many at once
   */
  public record WarmUp(String endpoint, List<String> paths, int requests, int concurrency) {
    /** Validates and copies. */
    public WarmUp {
      Objects.requireNonNull(endpoint, "endpoint");
      paths = List.copyOf(paths);
      if (paths.isEmpty() || requests < 1 || concurrency < 1) {
        throw new IllegalArgumentException("a warm-up needs paths, requests and concurrency");
      }
    }
  }

  /**
   * When to roll a new generation back by itself: if, within {@code window} after its cutover, it
   * answered at least {@code minRequests} and more than {@code maxErrorRate} of them failed (HTTP
   * 5xx, a handler that threw, a failed reply).
   *
   * @param window how long after cutover the error rate is watched
   * @param maxErrorRate the highest acceptable share of failures, between 0 and 1
   * @param minRequests how many requests the window needs before it judges
   */
  public record AutoRollback(Duration window, double maxErrorRate, long minRequests) {
    /** Validates the thresholds. */
    public AutoRollback {
      requirePositive(window, "window");
      if (maxErrorRate < 0 || maxErrorRate > 1) {
        throw new IllegalArgumentException("maxErrorRate must be within [0, 1]: " + maxErrorRate);
      }
      if (minRequests < 1) {
        throw new IllegalArgumentException("minRequests must be positive: " + minRequests);
      }
    }
  }

  /** Starts options for the code source at {@code codeSource}. */
  public static Builder builder(Path codeSource) {
    return new Builder(codeSource);
  }

  private static void requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  /** Collects options; not thread-safe, use it from one thread and then {@link #build()}. */
  public static final class Builder {
    private final Path codeSource;
    private final List<EndpointSpec> endpoints = new ArrayList<>();
    private final Set<String> parentFirstPackages = new HashSet<>();
    private Duration startTimeout = Duration.ofSeconds(30);
    private Duration drainTimeout = Duration.ofSeconds(30);
    private Duration leakTimeout = Duration.ofSeconds(60);
    private int maxDraining = 4;
    private int lanes;
    private boolean allowWritableCodeSource;
    private String applicationName = "app";
    private boolean watch;
    private Duration watchQuietPeriod = Duration.ofMillis(300);
    private Path watchTriggerFile;
    private boolean jmx = true;
    private boolean signals;
    private long stateMaxEntries = 100_000;
    private Duration stateIdleTimeout;
    private Duration checkTimeout = Duration.ofSeconds(10);
    private long snapshotCacheBytes = 64L * 1024 * 1024;
    private AutoRollback autoRollback;
    private WarmUp warmUp;
    private Path leakHeapDumpDir;
    private String mainVerticle;
    private ClusterOptions cluster;
    private io.vertx.core.json.JsonObject mainOptions;
    private io.vertx.core.json.JsonObject mainConfig;
    private Path mainConfigFile;

    private Builder(Path codeSource) {
      this.codeSource = Objects.requireNonNull(codeSource, "codeSource");
    }

    /** Adds an endpoint. */
    public Builder endpoint(EndpointSpec endpoint) {
      endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
      return this;
    }

    /** Adds a package (and its subpackages) that generations load from the host. */
    public Builder parentFirstPackage(String packageName) {
      parentFirstPackages.add(Objects.requireNonNull(packageName, "packageName"));
      return this;
    }

    /** Bound on starting a generation; default 30 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Bound on draining a retiring generation; default 30 s. */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = timeout;
      return this;
    }

    /** Time a retired classloader has to be collected before it is LEAKED; default 60 s. */
    public Builder leakTimeout(Duration timeout) {
      this.leakTimeout = timeout;
      return this;
    }

    /** How many generations may drain at once before a reload is refused; default 4. */
    public Builder maxDraining(int max) {
      this.maxDraining = max;
      return this;
    }

    /** Host event loops to run endpoints on; default 0 = all of the Vert.x instance's. */
    public Builder lanes(int lanes) {
      this.lanes = lanes;
      return this;
    }

    /** Accepts a code source writable by group or others (refused by default). */
    public Builder allowWritableCodeSource(boolean allow) {
      this.allowWritableCodeSource = allow;
      return this;
    }

    /** The application's name in logs and management views; default {@code app}. */
    public Builder applicationName(String name) {
      this.applicationName = name;
      return this;
    }

    /** Reloads when the code source changes; off by default. */
    public Builder watch(boolean watch) {
      this.watch = watch;
      return this;
    }

    /** Quiet period of the watch: a build writing many files causes one reload; 300 ms. */
    public Builder watchQuietPeriod(Duration quietPeriod) {
      this.watchQuietPeriod = quietPeriod;
      return this;
    }

    /** With a watch, reloads only when {@code triggerFile} is touched (none by default). */
    public Builder watchTriggerFile(Path triggerFile) {
      this.watchTriggerFile = triggerFile;
      return this;
    }

    /** Registers the MXBean; on by default. */
    public Builder jmx(boolean jmx) {
      this.jmx = jmx;
      return this;
    }

    /** Handles USR2/HUP (reload) and TERM/INT (graceful stop); off by default. */
    public Builder signals(boolean signals) {
      this.signals = signals;
      return this;
    }

    /** Bound on the state store's entries; default 100,000. */
    public Builder stateMaxEntries(long maxEntries) {
      this.stateMaxEntries = maxEntries;
      return this;
    }

    /** Evicts state entries idle for this long; none by default. */
    public Builder stateIdleTimeout(Duration idle) {
      this.stateIdleTimeout = idle;
      return this;
    }

    /** Bound on health checks and state hand-off of a new generation; default 10 s. */
    public Builder checkTimeout(Duration timeout) {
      this.checkTimeout = timeout;
      return this;
    }

    /** Bytes of recent snapshots kept for rollback; default 64 MiB, 0 disables rollback. */
    public Builder snapshotCacheBytes(long bytes) {
      this.snapshotCacheBytes = bytes;
      return this;
    }

    /** Rolls back a new generation whose early error rate is too high; off by default. */
    public Builder autoRollback(AutoRollback autoRollback) {
      this.autoRollback = autoRollback;
      return this;
    }

    /** Replays requests against each new generation before its cutover; off by default. */
    public Builder warmUp(WarmUp warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /**
     * Writes a heap dump ({@code <app>-gen-<n>-<pid>.hprof}) into {@code dir} when a generation is
     * LEAKED, for holders the leak report cannot name; none by default.
     */
    public Builder leakHeapDumpDir(Path dir) {
      this.leakHeapDumpDir = dir;
      return this;
    }

    /**
     * Deploys {@code className}, an ordinary Vert.x verticle ({@code AbstractVerticle}, {@code
     * VerticleBase} or {@code Deployable}) with no hotswap import, as the entry of every generation
     * (compat mode), besides any {@code @GenerationEntry} classes. Inside the generation its {@code
     * vertx.createHttpServer(...).listen(port)} binds to the host endpoint {@code http:<port>} and
     * {@code vertx.eventBus().consumer(address, ...)} to {@code bus:<address>}, both created by the
     * host on first use and kept across generations; its {@code deployVerticle(...)} calls deploy
     * into the same generation. See {@code docs/compat.md}.
     */
    public Builder mainVerticle(String className) {
      this.mainVerticle = Objects.requireNonNull(className, "className");
      return this;
    }

    /**
     * Makes the instance a node of the roll group {@code cluster} names: other nodes of the group
     * can ship it snapshots and roll reloads across it, and {@link HotSwap#reloadCluster} and
     * {@link HotSwap#clusterStatus} work from it. The instance's {@code Vertx} must be clustered
     * (for example by {@link ClusterHost#start}).
     */
    public Builder cluster(ClusterOptions cluster) {
      this.cluster = Objects.requireNonNull(cluster, "cluster");
      return this;
    }

    /**
     * Deploys the main verticle with these Vert.x deployment options in every generation, as the
     * Vert.x launcher's {@code --deployment-options}, {@code --instances}, {@code --worker} and
     * {@code --virtual-thread} do: instances (pinned round robin to the host's lanes), threading
     * model, worker pool, config. The class loader is always the generation's. Default: one
     * event-loop instance with an empty config.
     */
    public Builder mainDeploymentOptions(io.vertx.core.DeploymentOptions options) {
      this.mainOptions = Objects.requireNonNull(options, "options").toJson();
      return this;
    }

    /**
     * The main verticle's {@code config()} in every generation (the Vert.x launcher's {@code --conf
     * <json>}); overrides the config of {@link #mainDeploymentOptions}.
     */
    public Builder mainConfig(io.vertx.core.json.JsonObject config) {
      this.mainConfig = Objects.requireNonNull(config, "config").copy();
      this.mainConfigFile = null;
      return this;
    }

    /**
     * Reads the main verticle's {@code config()} from this JSON file for every generation (the
     * Vert.x launcher's {@code --conf <file>}): a reload picks up its new content, a file that is
     * not a JSON object makes that reload FAILED (the active generation keeps serving). With {@link
     * #watch}, a change of the file is a reload trigger.
     */
    public Builder mainConfigFile(Path file) {
      this.mainConfigFile = Objects.requireNonNull(file, "file");
      this.mainConfig = null;
      return this;
    }

    private MainDeployment mainDeployment() {
      if (mainOptions == null && mainConfig == null && mainConfigFile == null) {
        return MainDeployment.DEFAULT;
      }
      io.vertx.core.json.JsonObject json =
          mainOptions == null ? new io.vertx.core.DeploymentOptions().toJson() : mainOptions.copy();
      if (mainConfig != null) {
        json.put("config", mainConfig.copy());
      }
      return new MainDeployment(json, Optional.ofNullable(mainConfigFile));
    }

    /** Builds validated options. */
    public HotSwapOptions build() {
      return new HotSwapOptions(
          codeSource,
          endpoints,
          parentFirstPackages,
          startTimeout,
          drainTimeout,
          leakTimeout,
          maxDraining,
          lanes,
          allowWritableCodeSource,
          applicationName,
          watch,
          watchQuietPeriod,
          Optional.ofNullable(watchTriggerFile),
          jmx,
          signals,
          stateMaxEntries,
          Optional.ofNullable(stateIdleTimeout),
          checkTimeout,
          snapshotCacheBytes,
          Optional.ofNullable(autoRollback),
          Optional.ofNullable(warmUp),
          Optional.ofNullable(leakHeapDumpDir),
          Optional.ofNullable(mainVerticle),
          Optional.ofNullable(cluster),
          mainDeployment());
    }
  }
}
