package io.hotswap.cli;

import io.hotswap.cluster.ClusterHost;
import io.hotswap.cluster.ClusterOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The cluster options of {@code hotswap run}: {@code --cluster-key-file} makes the instance a node
 * of a Vert.x cluster; the other {@code --cluster-*} options and {@code --step-timeout} tune it and
 * need the key file. Builds the {@link ClusterOptions}, refusing a key file that other users can
 * read or write (on POSIX file systems) and a key that is too short.
 *
 * <p>Not thread-safe; filled in by picocli and read once.
 */
final class ClusterArgs {
  private static final Set<PosixFilePermission> NOT_PRIVATE =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private static final List<String> DEPENDENT_OPTIONS =
      List.of(
          "--cluster-name",
          "--cluster-group",
          "--cluster-host",
          "--cluster-port",
          "--cluster-port-count",
          "--cluster-member",
          "--step-timeout");
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);
  private static final Logger LOG = LoggerFactory.getLogger(ClusterArgs.class);

  @Option(
      names = "--cluster-key-file",
      paramLabel = "<file>",
      description =
          "Join a Vert.x cluster as a node of a roll group; the file holds the shared key"
              + " (at least 16 bytes of text, readable by its owner only).")
  Path keyFile;

  @Option(
      names = "--cluster-name",
      paramLabel = "<name>",
      defaultValue = "hotswap",
      description = "Cluster name: only nodes with the same name join (default ${DEFAULT-VALUE}).")
  String clusterName;

  @Option(
      names = "--cluster-group",
      paramLabel = "<group>",
      description = "Roll group: nodes of one group roll together (default: the cluster name).")
  String group;

  @Option(
      names = "--cluster-host",
      paramLabel = "<host>",
      defaultValue = "127.0.0.1",
      description = "Interface for the cluster and the event bus (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--cluster-port",
      paramLabel = "<port>",
      defaultValue = "5701",
      description = "First cluster port to try (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--cluster-port-count",
      paramLabel = "<count>",
      defaultValue = "20",
      description = "How many cluster ports from --cluster-port to try (default ${DEFAULT-VALUE}).")
  int portCount;

  @Option(
      names = "--cluster-member",
      paramLabel = "<host>",
      description = "A host to join through; repeatable (default 127.0.0.1).")
  List<String> members = new ArrayList<>();

  @Option(
      names = "--step-timeout",
      paramLabel = "<duration>",
      converter = DurationConverter.class,
      defaultValue = "60s",
      description = "Bound on one node's reload during a roll (default ${DEFAULT-VALUE}).")
  Duration stepTimeout;

  /**
   * The cluster options, or empty when {@code --cluster-key-file} was not given.
   *
   * @throws HotSwapCli.UsageProblem when another cluster option comes without the key file, or the
   *     key file is missing, readable or writable by others, or too short
   */
  Optional<ClusterOptions> options(ParseResult parsed) {
    if (keyFile == null) {
      for (String option : DEPENDENT_OPTIONS) {
        if (parsed.hasMatchedOption(option)) {
          throw new HotSwapCli.UsageProblem(option + " needs --cluster-key-file <file>");
        }
      }
      return Optional.empty();
    }
    byte[] key = ClusterOptions.keyOf(readKey(keyFile));
    try {
      return Optional.of(
          ClusterOptions.builder(key)
              .clusterName(clusterName)
              .group(group)
              .host(host)
              .ports(port, portCount)
              .members(members.isEmpty() ? List.of("127.0.0.1") : members)
              .stepTimeout(stepTimeout)
              .build());
    } catch (IllegalArgumentException e) {
      throw new HotSwapCli.UsageProblem(
          "cluster options: " + e.getMessage() + " (" + keyFile + ")");
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Starts the clustered Vert.x instance of node {@code name} and logs how it joined.
   *
   * @throws IllegalStateException when the cluster cannot be joined (exit code 1)
   */
  static Vertx join(ClusterOptions cluster, String name, VertxOptions options) {
    try {
      Class.forName("io.vertx.spi.cluster.hazelcast.HazelcastClusterManager");
    } catch (ClassNotFoundException e) {
      throw new HotSwapCli.UsageProblem(
          "--cluster-key-file needs io.vertx:vertx-hazelcast on the classpath");
    }
    Vertx vertx;
    try {
      vertx =
          ClusterHost.start(cluster, options)
              .toCompletionStage()
              .toCompletableFuture()
              .get(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while joining the cluster", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot join cluster '"
              + cluster.clusterName()
              + "' on "
              + cluster.host()
              + " ports "
              + cluster.port()
              + "-"
              + (cluster.port() + cluster.portCount() - 1)
              + ": "
              + (e instanceof TimeoutException ? "no answer in " + JOIN_TIMEOUT : e.getCause()),
          e);
    }
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    LOG.info(
        "{}: joined cluster '{}' (group '{}') as node {}, {} members",
        name,
        cluster.clusterName(),
        cluster.group(),
        manager.getNodeId(),
        manager.getNodes().size());
    return vertx;
  }

  /** The key file's text, once its permissions are known to keep it private. */
  static String readKey(Path file) {
    try {
      PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (posix != null) {
        Set<PosixFilePermission> open = EnumSet.copyOf(NOT_PRIVATE);
        open.retainAll(posix.readAttributes().permissions());
        if (!open.isEmpty()) {
          throw new HotSwapCli.UsageProblem(
              "the cluster key file "
                  + file
                  + " is readable or writable by other users ("
                  + java.nio.file.attribute.PosixFilePermissions.toString(
                      posix.readAttributes().permissions())
                  + "); restrict it with: chmod 600 "
                  + file);
        }
      }
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new HotSwapCli.UsageProblem("the cluster key file " + file + " does not exist");
    } catch (IOException e) {
      throw new HotSwapCli.UsageProblem("cannot read the cluster key file " + file + ": " + e);
    }
  }
}
