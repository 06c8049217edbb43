package io.hotswap.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Starts the clustered Vert.x instance of a hotswap host: Hazelcast with TCP/IP join on the
 * configured members only (multicast and auto-detection off, no phone-home), bound with the event
 * bus to one interface. Needs {@code io.vertx:vertx-hazelcast} on the classpath.
 *
 * <p>Applications that configure Hazelcast themselves can build their clustered {@code Vertx} any
 * way they like and pass {@link ClusterOptions} to {@link HotSwapOptions.Builder#cluster} only.
 *
 * <p>Thread-safe: stateless.
 */
public final class ClusterHost {

  private ClusterHost() {}

  /**
   * Starts a clustered Vert.x instance that joins the cluster {@code cluster} describes. The future
   * fails when the cluster cannot be joined; the JVM keeps running either way.
   */
  public static Future<Vertx> start(ClusterOptions cluster, VertxOptions options) {
    VertxOptions copy = new VertxOptions(options);
    EventBusOptions bus = new EventBusOptions(copy.getEventBusOptions()).setHost(cluster.host());
    copy.setEventBusOptions(bus);
    return Vertx.builder()
        .with(copy)
        .withClusterManager(new HazelcastClusterManager(hazelcastConfig(cluster)))
        .buildClustered();
  }

  /** {@link #start(ClusterOptions, VertxOptions)} with default Vert.x options. */
  public static Future<Vertx> start(ClusterOptions cluster) {
    return start(cluster, new VertxOptions());
  }

  /**
   * The Hazelcast configuration: Vert.x's own (its map and lock settings) with the network locked
   * down to the configured interface and members.
   */
  static Config hazelcastConfig(ClusterOptions cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.clusterName());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    // The default waits 5 s before joining; members are listed, so there is nothing to wait for.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortCount(cluster.portCount()).setPortAutoIncrement(true);
    network.getInterfaces().setEnabled(true).setInterfaces(java.util.List.of(cluster.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return config;
  }
}
