package io.hotswap.internal;

import io.hotswap.GenerationInfo;
import io.hotswap.ReloadOutcome;
import io.hotswap.internal.endpoint.Endpoint;
import io.hotswap.internal.endpoint.EndpointRegistry;
import io.hotswap.internal.endpoint.HttpEndpoint;
import io.hotswap.internal.generation.Supervisor;
import io.hotswap.internal.spi.CutoverGate;
import io.hotswap.internal.spi.LocalNode;
import io.hotswap.loader.Snapshot;
import io.vertx.core.Future;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster parts' view of one started hotswap instance: its supervisor and endpoints.
 * Thread-safe: delegates to thread-safe parts.
 */
final class SupervisedNode implements LocalNode {
  private final String name;
  private final Supervisor supervisor;
  private final EndpointRegistry registry;

  SupervisedNode(String name, Supervisor supervisor, EndpointRegistry registry) {
    this.name = name;
    this.supervisor = supervisor;
    this.registry = registry;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<GenerationInfo> active() {
    return supervisor.active();
  }

  @Override
  public Map<String, Integer> httpPorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Endpoint endpoint : registry.list()) {
      if (endpoint instanceof HttpEndpoint http) {
        ports.put(endpoint.name(), http.port());
      }
    }
    return ports;
  }

  @Override
  public Future<Snapshot> snapshotCodeSource() {
    return supervisor.snapshotCodeSource();
  }

  @Override
  public Collection<Snapshot> keptSnapshots() {
    return supervisor.keptSnapshots();
  }

  @Override
  public void keep(Snapshot snapshot) {
    supervisor.keep(snapshot);
  }

  @Override
  public Future<ReloadOutcome> reloadThrough(String snapshotId, String trigger, CutoverGate gate) {
    return supervisor.reloadThrough(snapshotId, trigger, gate);
  }
}
