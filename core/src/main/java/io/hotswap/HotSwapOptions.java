package io.hotswap;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonObject;
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
 * and the bounds of each lifecycle phase. Built only through {@link #builder(Path)} (or {@link
 * #toBuilder()} of existing options), so that a new option never breaks a caller; every default is
 * a named constant of this class.
 *
 * <p>Immutable and thread-safe.
 */
public final class HotSwapOptions {
  /** Default bound on starting a generation: 30 s. */
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

  /** Default bound on draining a retiring generation: 30 s. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);

  /** Default time a retired classloader has to be collected before it is LEAKED: 60 s. */
  public static final Duration DEFAULT_LEAK_TIMEOUT = Duration.ofSeconds(60);

  /** Default number of generations that may drain at once: 4. */
  public static final int DEFAULT_MAX_DRAINING = 4;

  /** Default application name: {@code app}. */
  public static final String DEFAULT_APPLICATION_NAME = "app";

  /** Default quiet period of the code-source watch: 300 ms. */
  public static final Duration DEFAULT_WATCH_QUIET_PERIOD = Duration.ofMillis(300);

  /** Default bound on the state store's entries: 100,000. */
  public static final long DEFAULT_STATE_MAX_ENTRIES = 100_000;

  /** Default bound on a new generation's health checks and state hand-off: 10 s. */
  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(10);

  /** Default bytes of recent snapshots kept for rollback: 64 MiB. */
  public static final long DEFAULT_SNAPSHOT_CACHE_BYTES = 64L * 1024 * 1024;

  private final Path codeSource;
  private final List<EndpointSpec> endpoints;
  private final Set<String> parentFirstPackages;
  private final Duration startTimeout;
  private final Duration drainTimeout;
  private final Duration leakTimeout;
  private final int maxDraining;
  private final int lanes;
  private final boolean allowWritableCodeSource;
  private final String applicationName;
  private final boolean watch;
  private final Duration watchQuietPeriod;
  private final Optional<Path> watchTriggerFile;
  private final boolean jmx;
  private final boolean signals;
  private final long stateMaxEntries;
  private final Optional<Duration> stateIdleTimeout;
  private final Duration checkTimeout;
  private final long snapshotCacheBytes;
  private final Optional<AutoRollback> autoRollback;
  private final Optional<WarmUp> warmUp;
  private final Optional<Path> leakHeapDumpDir;
  private final Optional<String> mainVerticle;
  private final MainDeployment mainDeployment;

  private HotSwapOptions(Builder builder) {
    codeSource = builder.codeSource;
    endpoints = List.copyOf(builder.endpoints);
    parentFirstPackages = Set.copyOf(builder.parentFirstPackages);
    Set<String> names = new HashSet<>();
    for (EndpointSpec endpoint : endpoints) {
      if (!names.add(endpoint.name())) {
        throw new IllegalArgumentException("two endpoints are named '" + endpoint.name() + "'");
      }
    }
    startTimeout = requirePositive(builder.startTimeout, "startTimeout");
    drainTimeout = requirePositive(builder.drainTimeout, "drainTimeout");
    leakTimeout = requirePositive(builder.leakTimeout, "leakTimeout");
    maxDraining = builder.maxDraining;
    if (maxDraining < 1) {
      throw new IllegalArgumentException("maxDraining must be at least 1, was " + maxDraining);
    }
    lanes = builder.lanes;
    if (lanes < 0) {
      throw new IllegalArgumentException("lanes must be 0 (all event loops) or more: " + lanes);
    }
    allowWritableCodeSource = builder.allowWritableCodeSource;
    applicationName = Objects.requireNonNull(builder.applicationName, "applicationName");
    watch = builder.watch;
    watchQuietPeriod = requirePositive(builder.watchQuietPeriod, "watchQuietPeriod");
    watchTriggerFile = Optional.ofNullable(builder.watchTriggerFile);
    jmx = builder.jmx;
    signals = builder.signals;
    stateMaxEntries = builder.stateMaxEntries;
    if (stateMaxEntries < 1) {
      throw new IllegalArgumentException("stateMaxEntries must be positive: " + stateMaxEntries);
    }
    stateIdleTimeout = Optional.ofNullable(builder.stateIdleTimeout);
    stateIdleTimeout.ifPresent(idle -> requirePositive(idle, "stateIdleTimeout"));
    checkTimeout = requirePositive(builder.checkTimeout, "checkTimeout");
    snapshotCacheBytes = builder.snapshotCacheBytes;
    if (snapshotCacheBytes < 0) {
      throw new IllegalArgumentException("snapshotCacheBytes must be 0 or more");
    }
    autoRollback = Optional.ofNullable(builder.autoRollback);
    warmUp = Optional.ofNullable(builder.warmUp);
    leakHeapDumpDir = Optional.ofNullable(builder.leakHeapDumpDir);
    mainVerticle = Optional.ofNullable(builder.mainVerticle);
    mainDeployment = builder.mainDeployment();
  }

  /**
   * Starts options for the code source at {@code codeSource}, every other option at its default.
   */
  public static Builder builder(Path codeSource) {
    return new Builder(codeSource);
  }

  /** A builder holding these options, to derive other options from them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A directory of classes (optionally with {@code lib/*.jar}) or a jar. */
  public Path codeSource() {
    return codeSource;
  }

  /** The host endpoints, each with a unique name, in declaration order. */
  public List<EndpointSpec> endpoints() {
    return endpoints;
  }

  /** Packages, beyond the defaults, that generations load from the host. */
  public Set<String> parentFirstPackages() {
    return parentFirstPackages;
  }

  /** Bound on deploying a generation's entry verticles. */
  public Duration startTimeout() {
    return startTimeout;
  }

  /** Bound on a retiring generation's in-flight work. */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** How long a retired classloader may stay reachable before it is LEAKED. */
  public Duration leakTimeout() {
    return leakTimeout;
  }

  /** How many generations may drain at once; more refuses a reload. */
  public int maxDraining() {
    return maxDraining;
  }

  /** Host event loops the endpoints run on; 0 takes every event loop of the Vert.x instance. */
  public int lanes() {
    return lanes;
  }

  /** Whether a code source that users other than its owner may write is accepted. */
  public boolean allowWritableCodeSource() {
    return allowWritableCodeSource;
  }

  /** The name in logs and management views. */
  public String applicationName() {
    return applicationName;
  }

  /** Whether the code source is watched (a settled change whose content hash differs reloads). */
  public boolean watch() {
    return watch;
  }

  /** How long the code source must stay quiet before a change counts. */
  public Duration watchQuietPeriod() {
    return watchQuietPeriod;
  }

  /** With a watch, the only file whose change counts (the build touches it when done). */
  public Optional<Path> watchTriggerFile() {
    return watchTriggerFile;
  }

  /** Whether the MXBean {@code io.hotswap:type=HotSwap,name=<applicationName>} is registered. */
  public boolean jmx() {
    return jmx;
  }

  /** Whether USR2/HUP reload and TERM/INT stop gracefully (then the stop actions run). */
  public boolean signals() {
    return signals;
  }

  /** The state store's bound on entries. */
  public long stateMaxEntries() {
    return stateMaxEntries;
  }

  /** State entries not read or written for this long are evicted, if set. */
  public Optional<Duration> stateIdleTimeout() {
    return stateIdleTimeout;
  }

  /** Bound on a new generation's health checks and state hand-off. */
  public Duration checkTimeout() {
    return checkTimeout;
  }

  /** Bytes of recent snapshots kept for rollback without reading disk. */
  public long snapshotCacheBytes() {
    return snapshotCacheBytes;
  }

  /** When a new generation rolls itself back for its early error rate, if set. */
  public Optional<AutoRollback> autoRollback() {
    return autoRollback;
  }

  /** Requests replayed against a new generation before its cutover, if set. */
  public Optional<WarmUp> warmUp() {
    return warmUp;
  }

  /** Where a heap dump of live objects is written when a generation is LEAKED, if set. */
  public Optional<Path> leakHeapDumpDir() {
    return leakHeapDumpDir;
  }

  /**
   * The unmodified Vert.x verticle deployed as each generation's entry (compat mode), if set; see
   * {@link Builder#mainVerticle}.
   */
  public Optional<String> mainVerticle() {
    return mainVerticle;
  }

  /**
   * How the main verticle is deployed (instances, threading model, config); see {@link
   * Builder#mainDeploymentOptions}.
   */
  public MainDeployment mainDeployment() {
    return mainDeployment;
  }

  @Override
  public String toString() {
    return "HotSwapOptions["
        + applicationName
        + ", codeSource="
        + codeSource
        + ", endpoints="
        + endpoints
        + "]";
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

  private static Duration requirePositive(Duration duration, String name) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  /** Collects options; not thread-safe, use it from one thread and then {@link #build()}. */
  public static final class Builder {
    private final Path codeSource;
    private final List<EndpointSpec> endpoints = new ArrayList<>();
    private final Set<String> parentFirstPackages = new HashSet<>();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private Duration leakTimeout = DEFAULT_LEAK_TIMEOUT;
    private int maxDraining = DEFAULT_MAX_DRAINING;
    private int lanes;
    private boolean allowWritableCodeSource;
    private String applicationName = DEFAULT_APPLICATION_NAME;
    private boolean watch;
    private Duration watchQuietPeriod = DEFAULT_WATCH_QUIET_PERIOD;
    private Path watchTriggerFile;
    private boolean jmx = true;
    private boolean signals;
    private long stateMaxEntries = DEFAULT_STATE_MAX_ENTRIES;
    private Duration stateIdleTimeout;
    private Duration checkTimeout = DEFAULT_CHECK_TIMEOUT;
    private long snapshotCacheBytes = DEFAULT_SNAPSHOT_CACHE_BYTES;
    private AutoRollback autoRollback;
    private WarmUp warmUp;
    private Path leakHeapDumpDir;
    private String mainVerticle;
    private JsonObject mainOptions;
    private JsonObject mainConfig;
    private Path mainConfigFile;

    private Builder(Path codeSource) {
      this.codeSource = Objects.requireNonNull(codeSource, "codeSource");
    }

    private Builder(HotSwapOptions options) {
      this(options.codeSource);
      endpoints.addAll(options.endpoints);
      parentFirstPackages.addAll(options.parentFirstPackages);
      startTimeout = options.startTimeout;
      drainTimeout = options.drainTimeout;
      leakTimeout = options.leakTimeout;
      maxDraining = options.maxDraining;
      lanes = options.lanes;
      allowWritableCodeSource = options.allowWritableCodeSource;
      applicationName = options.applicationName;
      watch = options.watch;
      watchQuietPeriod = options.watchQuietPeriod;
      watchTriggerFile = options.watchTriggerFile.orElse(null);
      jmx = options.jmx;
      signals = options.signals;
      stateMaxEntries = options.stateMaxEntries;
      stateIdleTimeout = options.stateIdleTimeout.orElse(null);
      checkTimeout = options.checkTimeout;
      snapshotCacheBytes = options.snapshotCacheBytes;
      autoRollback = options.autoRollback.orElse(null);
      warmUp = options.warmUp.orElse(null);
      leakHeapDumpDir = options.leakHeapDumpDir.orElse(null);
      mainVerticle = options.mainVerticle.orElse(null);
      mainOptions = options.mainDeployment.options();
      mainConfigFile = options.mainDeployment.configFile().orElse(null);
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

    /** Bound on starting a generation; default {@link #DEFAULT_START_TIMEOUT}. */
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
     * Deploys the main verticle with these Vert.x deployment options in every generation, as the
     * Vert.x launcher's {@code --deployment-options}, {@code --instances}, {@code --worker} and
     * {@code --virtual-thread} do: instances (pinned round robin to the host's lanes), threading
     * model, worker pool, config. The class loader is always the generation's. Default: one
     * event-loop instance with an empty config.
     */
    public Builder mainDeploymentOptions(DeploymentOptions options) {
      this.mainOptions = Objects.requireNonNull(options, "options").toJson();
      return this;
    }

    /**
     * The main verticle's {@code config()} in every generation (the Vert.x launcher's {@code --conf
     * <json>}); overrides the config of {@link #mainDeploymentOptions}.
     */
    public Builder mainConfig(JsonObject config) {
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
      JsonObject json = mainOptions == null ? new DeploymentOptions().toJson() : mainOptions.copy();
      if (mainConfig != null) {
        json.put("config", mainConfig.copy());
      }
      return new MainDeployment(json, Optional.ofNullable(mainConfigFile));
    }

    /** Builds validated options. */
    public HotSwapOptions build() {
      return new HotSwapOptions(this);
    }
  }
}
