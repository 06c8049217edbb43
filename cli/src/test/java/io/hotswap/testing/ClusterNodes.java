package io.hotswap.testing;

import io.hotswap.cli.HotSwapCli;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * A cluster of real hotswap node JVMs on loopback, each running {@code hotswap run} with its own
 * code directory, HTTP port 0 and a shared 0600 key file, in a cluster whose name is random per
 * harness (so parallel or stale clusters never join) on a probed free port range. Nodes start
 * staggered — each waits for the previous to serve — since on two cores that is ≈3 s a node instead
 * of 10–19 s for all at once. Each node JVM has {@code -Dhotswap.node=<name>} so fixture code can
 * behave per node.
 *
 * <p>Logs go to {@code target/cluster-logs/<cluster>/<node>.log}; {@link #logs()} names them for
 * assertion messages, and {@link KeepLogsOnFailure} deletes them after a passing test. Close kills
 * every node. Not thread-safe; one per test.
 */
public final class ClusterNodes implements AutoCloseable {
  /** Where node logs go, relative to the module directory Maven runs tests in. */
  public static final Path LOG_ROOT = Path.of("target", "cluster-logs");

  private static final Pattern MEMBERS = Pattern.compile("Members \\{size:(\\d+)");
  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final int PORT_COUNT = 10;

  private final Path workDir;
  private final String clusterName = "hs-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final int basePort = freePortRange(PORT_COUNT);
  private final Path logDir = LOG_ROOT.resolve(clusterName);
  private final Path keyFile;
  private final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
  private MemberSource memberSource = MemberSource.LOG;

  /** How {@link #awaitMembers} counts the members node a sees. */
  public enum MemberSource {
    /** The last {@code Members {size:n} } line of node a's Hazelcast log. */
    LOG,
    /** The nodes in {@code hotswap status --cluster --json --name node-a}. */
    STATUS
  }

  private ClusterNodes(Path workDir) {
    this.workDir = workDir;
    this.keyFile = writeKey(workDir.resolve("cluster.key"), newKey());
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KeepLogsOnFailure.register(logDir);
  }

  /** A harness with no nodes yet; add them with {@link #start}. */
  public static ClusterNodes create(Path workDir) {
    return new ClusterNodes(workDir);
  }

  /**
   * Starts {@code count} nodes ({@code node-a}, {@code node-b}, ...) one after the other, each
   * serving {@code fixture} from its own code directory, with {@code extraArgs} on every node.
   */
  public static ClusterNodes start(Path workDir, int count, Fixture fixture, String... extraArgs) {
    ClusterNodes cluster = new ClusterNodes(workDir);
    try {
      for (int i = 0; i < count; i++) {
        cluster.start(nodeName(i), fixture, cluster.keyFile, extraArgs);
      }
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code node-a} for 0, {@code node-b} for 1, ... */
  public static String nodeName(int index) {
    return "node-" + (char) ('a' + index);
  }

  /** Counts members through {@code source} from now on. */
  public ClusterNodes memberSource(MemberSource source) {
    this.memberSource = source;
    return this;
  }

  /** Starts node {@code name} with {@code fixture} and {@code key} and waits until it serves. */
  public ClusterNode start(String name, Fixture fixture, Path key, String... extraArgs) {
    ClusterNode node = launch(name, fixture, key, extraArgs);
    node.awaitServing(BOUND, logs());
    return node;
  }

  /** Starts node {@code name} and returns at once, serving or not (for runs expected to fail). */
  public ClusterNode launch(String name, Fixture fixture, Path key, String... extraArgs) {
    Path code = workDir.resolve(name).resolve("code");
    Fixture.install(fixture.compile(workDir), code);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.add("-Dhotswap.node=" + name);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(HotSwapCli.class.getName(), "run", "--name", name));
    command.addAll(List.of("--code", code.toString(), "--http", "0", "--http-name", "api"));
    command.addAll(List.of("--event-bus", "greeter=" + Harness.GREETER));
    command.addAll(List.of("--cluster-key-file", key.toString(), "--cluster-name", clusterName));
    command.addAll(List.of("--cluster-port", Integer.toString(basePort)));
    command.addAll(List.of("--cluster-port-count", Integer.toString(PORT_COUNT)));
    command.addAll(List.of(extraArgs));
    Path log = logDir.resolve(name + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      ClusterNode node = new ClusterNode(name, process, log);
      nodes.put(name, node);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node named {@code name}. */
  public ClusterNode node(String name) {
    ClusterNode node = nodes.get(name);
    if (node == null) {
      throw new IllegalArgumentException("no node " + name + "; nodes: " + nodes.keySet());
    }
    return node;
  }

  /** The nodes in start order. */
  public List<ClusterNode> nodes() {
    return List.copyOf(nodes.values());
  }

  /**
   * The shared key file (0600) the nodes started by {@link #start(Path, int, Fixture, String...)}
   * use.
   */
  public Path keyFile() {
    return keyFile;
  }

  /** The random cluster name of this harness. */
  public String clusterName() {
    return clusterName;
  }

  /** The first of the cluster ports this harness probed free. */
  public int basePort() {
    return basePort;
  }

  /** Writes {@code key} to {@code file}, readable and writable by its owner only. */
  public static Path writeKey(Path file, String key) {
    try {
      Files.writeString(file, key + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh random key as text: 32 random bytes in base64. */
  public static String newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Runs {@code hotswap <args>} in this JVM (the Attach API reaches the node JVMs). */
  public static CliRun cli(String... args) {
    return CliRun.of(args);
  }

  /** Waits (at most 60 s) until node a sees {@code count} members. */
  public void awaitMembers(int count) {
    Awaitility.await("node-a to see " + count + " members; " + logs())
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> memberCount(nodes().get(0)) == count);
  }

  /** How many members {@code node} sees now, by the configured {@link MemberSource}. */
  public int memberCount(ClusterNode node) {
    if (memberSource == MemberSource.STATUS) {
      CliRun status = cli("status", "--cluster", "--json", "--name", node.name());
      return status.exitCode() == 0
          ? new JsonObject(status.out()).getJsonArray("nodes").size()
          : -1;
    }
    Matcher members = MEMBERS.matcher(node.output());
    int last = -1;
    while (members.find()) {
      last = Integer.parseInt(members.group(1));
    }
    return last;
  }

  /** The node log files, for assertion messages. */
  public String logs() {
    return "node logs: "
        + (nodes.isEmpty()
            ? logDir.toAbsolutePath().toString()
            : nodes.values().stream()
                .map(node -> node.log().toAbsolutePath().toString())
                .collect(Collectors.joining(", ")));
  }

  /** Kills every node. The logs stay until {@link KeepLogsOnFailure} sees the test pass. */
  @Override
  public void close() {
    nodes.values().forEach(ClusterNode::kill);
  }

  /**
   * Probes a range of {@code count} ports that are free on loopback now, in the range Hazelcast
   * would never pick by itself.
   */
  private static int freePortRange(int count) {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " free ports in a row on loopback");
  }

  private static boolean allFree(int base, int count) {
    for (int port = base; port < base + count; port++) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
