package io.hotswap.internal.endpoint;

import io.hotswap.GatewayLimits;
import io.hotswap.api.Connection;
import io.hotswap.api.Delivery;
import io.hotswap.api.Gateway;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The open connections of one connection endpoint and its named groups: the {@link Gateway}
 * business code sees. It belongs to the host and holds host connections and group names only.
 *
 * <p>Design notes: membership is kept as immutable {@link Group} snapshots, one per group and one
 * for the whole endpoint, replaced on every join, leave, open and close (copy on write), so a
 * broadcast or {@link #members} reads a snapshot and never copies the membership per send.
 * Broadcasts go through the {@link Broadcaster}: one task per lane, bounded. Joins and leaves of
 * one group are serialized by the group map's per-key compute.
 *
 * <p>Thread-safe: concurrent maps of immutable snapshots; a connection leaves every group when it
 * is removed.
 */
final class ConnectionRegistry implements Gateway {
  private static final String ALL = "";

  private final String endpoint;
  private final String idPrefix;
  private final int lanes;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<String, HostConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, Group> groups = new ConcurrentHashMap<>();
  private final GatewayLoad load;
  private final Broadcaster broadcaster;

  ConnectionRegistry(String endpoint, String idPrefix, Lanes lanes, GatewayLimits limits) {
    this.endpoint = endpoint;
    this.idPrefix = idPrefix;
    this.lanes = lanes.size();
    this.load = new GatewayLoad(limits, connections::size, this::remove);
    this.broadcaster = new Broadcaster(lanes, load);
  }

  /** A fresh connection id such as {@code ws-7}. */
  String nextId() {
    return idPrefix + "-" + nextId.incrementAndGet();
  }

  /** The endpoint's load: bounds, pending bytes, what was shed. */
  GatewayLoad load() {
    return load;
  }

  void add(HostConnection connection) {
    connections.put(connection.id(), connection);
    groups.compute(ALL, (name, all) -> (all == null ? Group.empty(lanes) : all).with(connection));
  }

  void remove(HostConnection connection) {
    if (!connections.remove(connection.id(), connection)) {
      return;
    }
    removeMember(ALL, connection.id());
    for (String group : connection.groupSet()) {
      leave(connection.id(), group);
    }
  }

  /** Every open connection, as a snapshot. */
  List<HostConnection> all() {
    return new ArrayList<>(connections.values());
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public Optional<Connection> connection(String id) {
    return Optional.ofNullable(connections.get(id));
  }

  @Override
  public Future<Void> send(String id, Buffer message) {
    return sendTo(id, connection -> connection.send(message));
  }

  @Override
  public Future<Void> send(String id, String message) {
    return sendTo(id, connection -> connection.send(message));
  }

  private Future<Void> sendTo(String id, Function<HostConnection, Future<Void>> send) {
    HostConnection connection = connections.get(id);
    if (connection == null) {
      return Future.failedFuture("endpoint '" + endpoint + "' has no open connection '" + id + "'");
    }
    return send.apply(connection);
  }

  @Override
  public Future<Delivery> sendToAll(Buffer message) {
    return sendToGroup(ALL, message);
  }

  @Override
  public Future<Delivery> sendToAll(String message) {
    return sendToGroup(ALL, message);
  }

  @Override
  public Future<Delivery> sendToGroup(String group, Buffer message) {
    return broadcaster.broadcast(
        snapshot(group), message.length(), connection -> connection.writeBinary(message));
  }

  @Override
  public Future<Delivery> sendToGroup(String group, String message) {
    // A text frame's size is its UTF-8 length; the char count is a close enough bound here.
    return broadcaster.broadcast(
        snapshot(group), message.length(), connection -> connection.writeText(message));
  }

  private Group snapshot(String group) {
    Group members = groups.get(group);
    return members == null ? Group.empty(lanes) : members;
  }

  @Override
  public boolean join(String id, String group) {
    if (group.equals(ALL)) {
      throw new IllegalArgumentException("a group needs a non-empty name");
    }
    HostConnection connection = connections.get(id);
    if (connection == null || !connection.isOpen()) {
      return false;
    }
    groups.compute(
        group,
        (name, members) -> (members == null ? Group.empty(lanes) : members).with(connection));
    connection.groupSet().add(group);
    if (!connections.containsKey(id)) {
      // Closed while joining: undo, so a closed connection never stays in a group.
      leave(id, group);
      return false;
    }
    return true;
  }

  @Override
  public boolean leave(String id, String group) {
    if (group.equals(ALL)) {
      return false;
    }
    HostConnection connection = connections.get(id);
    if (connection != null) {
      connection.groupSet().remove(group);
    }
    return removeMember(group, id);
  }

  private boolean removeMember(String group, String id) {
    boolean[] removed = {false};
    groups.computeIfPresent(
        group,
        (name, members) -> {
          Group after = members.without(id);
          removed[0] = after != members;
          return after.isEmpty() ? null : after;
        });
    return removed[0];
  }

  @Override
  public Set<String> members(String group) {
    return group.equals(ALL) ? Set.of() : snapshot(group).ids();
  }

  @Override
  public int size() {
    return connections.size();
  }
}
