package io.hotswap.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a hotswap node joins a Vert.x cluster (Hazelcast, TCP/IP join on configured members only, no
 * multicast) and the key that authenticates the snapshots and commands nodes exchange. Build one
 * with {@link #builder(byte[])}; {@link ClusterHost#start} turns it into a clustered Vert.x
 * instance, and {@link HotSwapOptions.Builder#cluster} makes the instance a member of the roll
 * group.
 *
 * <p>A node accepts a shipped snapshot or a roll command only when its HMAC checks out with the key
 * from its own configuration: nodes that do not share the key refuse each other's code.
 *
 * @param clusterName the Hazelcast cluster name: only members with the same name join
 * @param group the roll group: nodes with the same group roll together (default: the cluster name)
 * @param host the interface Hazelcast and the event bus bind to (default {@code 127.0.0.1})
 * @param port the first Hazelcast port to try (default 5701)
 * @param portCount how many ports from {@code port} a node may take (default 20)
 * @param members the TCP/IP members to join through, as hosts ({@code 127.0.0.1}); each is tried on
 *     {@code port} to {@code port + portCount - 1}
 * @param key the shared HMAC key, at least 16 bytes
 * @param commandTimeout bound on one command to another node that is not a reload (describe,
 *     shipping a batch of classes)
 * @param stepTimeout bound on one node's reload during a roll (load, start, check and cut over)
 *     <p>Immutable and thread-safe ({@link #key()} returns a copy).
 */
public record ClusterOptions(
    String clusterName,
    String group,
    String host,
    int port,
    int portCount,
    List<String> members,
    byte[] key,
    Duration commandTimeout,
    Duration stepTimeout) {

  /** The least key length accepted, in bytes. */
  public static final int MIN_KEY_BYTES = 16;

  /** Validates and copies. */
  public ClusterOptions {
    requireText(clusterName, "clusterName");
    requireText(group, "group");
    requireText(host, "host");
    if (port < 1 || port > 65_535 || portCount < 1 || port + portCount - 1 > 65_535) {
      throw new IllegalArgumentException("bad port range " + port + " + " + portCount);
    }
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("at least one member is needed to join through");
    }
    Objects.requireNonNull(key, "key");
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the cluster key has "
              + key.length
              + " bytes; at least "
              + MIN_KEY_BYTES
              + " are needed");
    }
    key = key.clone();
    requirePositive(commandTimeout, "commandTimeout");
    requirePositive(stepTimeout, "stepTimeout");
  }

  /** A builder with the defaults: loopback, port 5701 + 20, member 127.0.0.1. */
  public static Builder builder(byte[] key) {
    return new Builder(key);
  }

  /** A copy of the key. */
  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClusterOptions that
        && clusterName.equals(that.clusterName)
        && group.equals(that.group)
        && host.equals(that.host)
        && port == that.port
        && portCount == that.portCount
        && members.equals(that.members)
        && Arrays.equals(key, that.key)
        && commandTimeout.equals(that.commandTimeout)
        && stepTimeout.equals(that.stepTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(clusterName, group, host, port, portCount, members, commandTimeout);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "ClusterOptions[cluster="
        + clusterName
        + ", group="
        + group
        + ", host="
        + host
        + ", ports="
        + port
        + "+"
        + portCount
        + ", members="
        + members
        + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** Builds {@link ClusterOptions}; not thread-safe. */
  public static final class Builder {
    private final byte[] key;
    private String clusterName = "hotswap";
    private String group;
    private String host = "127.0.0.1";
    private int port = 5701;
    private int portCount = 20;
    private List<String> members = List.of("127.0.0.1");
    private Duration commandTimeout = Duration.ofSeconds(10);
    private Duration stepTimeout = Duration.ofSeconds(60);

    private Builder(byte[] key) {
      this.key = Objects.requireNonNull(key, "key").clone();
    }

    /** The Hazelcast cluster name (default {@code hotswap}). */
    public Builder clusterName(String name) {
      this.clusterName = name;
      return this;
    }

    /** The roll group (default: the cluster name). */
    public Builder group(String group) {
      this.group = group;
      return this;
    }

    /** The interface to bind (default {@code 127.0.0.1}). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The first Hazelcast port and how many ports to try (default 5701, 20). */
    public Builder ports(int port, int count) {
      this.port = port;
      this.portCount = count;
      return this;
    }

    /** The members to join through (default {@code 127.0.0.1}). */
    public Builder members(List<String> members) {
      this.members = List.copyOf(members);
      return this;
    }

    /** Bound on one non-reload command to another node (default 10 s). */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = timeout;
      return this;
    }

    /** Bound on one node's reload during a roll (default 60 s). */
    public Builder stepTimeout(Duration timeout) {
      this.stepTimeout = timeout;
      return this;
    }

    /** Validates and builds. */
    public ClusterOptions build() {
      return new ClusterOptions(
          clusterName,
          group == null ? clusterName : group,
          host,
          port,
          portCount,
          members,
          key,
          commandTimeout,
          stepTimeout);
    }
  }

  /**
   * A key given as text (e.g. read from a file), as its UTF-8 bytes with surrounding blanks cut.
   */
  public static byte[] keyOf(String text) {
    return text.strip().getBytes(StandardCharsets.UTF_8);
  }
}
