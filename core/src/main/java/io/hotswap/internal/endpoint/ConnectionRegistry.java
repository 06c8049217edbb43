package io.hotswap.internal.endpoint;

import io.hotswap.api.Connection;
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
 * <p>Thread-safe: concurrent maps; a connection leaves every group when it is removed.
 */
final class ConnectionRegistry implements Gateway {
  private final String endpoint;
  private final String idPrefix;
  private final AtomicLong nextId = new AtomicLong();
  private final Map<String, HostConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();

  ConnectionRegistry(String endpoint, String idPrefix) {
    this.endpoint = endpoint;
    this.idPrefix = idPrefix;
  }

  /** A fresh connection id such as {@code ws-7}. */
  String nextId() {
    return idPrefix + "-" + nextId.incrementAndGet();
  }

  void add(HostConnection connection) {
    connections.put(connection.id(), connection);
  }

  void remove(HostConnection connection) {
    connections.remove(connection.id(), connection);
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
  public int sendToAll(Buffer message) {
    return sendEach(connections.keySet(), connection -> connection.send(message));
  }

  @Override
  public int sendToAll(String message) {
    return sendEach(connections.keySet(), connection -> connection.send(message));
  }

  @Override
  public int sendToGroup(String group, Buffer message) {
    return sendEach(members(group), connection -> connection.send(message));
  }

  @Override
  public int sendToGroup(String group, String message) {
    return sendEach(members(group), connection -> connection.send(message));
  }

  private int sendEach(Set<String> ids, Function<HostConnection, Future<Void>> send) {
    int sent = 0;
    for (String id : ids) {
      HostConnection connection = connections.get(id);
      if (connection != null && connection.isOpen()) {
        send.apply(connection);
        sent++;
      }
    }
    return sent;
  }

  @Override
  public boolean join(String id, String group) {
    HostConnection connection = connections.get(id);
    if (connection == null || !connection.isOpen()) {
      return false;
    }
    groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(id);
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
    HostConnection connection = connections.get(id);
    if (connection != null) {
      connection.groupSet().remove(group);
    }
    boolean[] removed = {false};
    groups.computeIfPresent(
        group,
        (name, members) -> {
          removed[0] = members.remove(id);
          return members.isEmpty() ? null : members;
        });
    return removed[0];
  }

  @Override
  public Set<String> members(String group) {
    Set<String> members = groups.get(group);
    return members == null ? Set.of() : Set.copyOf(members);
  }

  @Override
  public int size() {
    return connections.size();
  }
}
