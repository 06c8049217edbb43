package io.hotswap.metrics;

import io.hotswap.StatusReport.EndpointStatus;
import io.hotswap.StatusReport.GatewayLoadStatus;
import io.hotswap.StatusReport.InFlightStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The host endpoints' load and what they shed under overload, tagged {@code endpoint} and {@code
 * kind}: {@code hotswap.endpoint.connections} for every endpoint; for HTTP and event-bus endpoints
 * {@code hotswap.endpoint.in.flight}, {@code hotswap.endpoint.in.flight.limit} and {@code
 * hotswap.endpoint.rejected} (answered 503 past the bound); for WebSocket, SSE and TCP gateways
 * {@code hotswap.gateway.pending.bytes} and the frame counters {@code hotswap.gateway.frames} by
 * {@code fate} ({@code written}, {@code dropped}, {@code slow}) and {@code
 * hotswap.gateway.closed.slow}. Endpoints belong to the host and live as long as it, so their
 * series are registered once per endpoint and stay until {@link #close()}: the label is bounded by
 * the endpoints the host declares and those unmodified applications open.
 *
 * <p>Not thread-safe: the owner serializes calls.
 */
final class EndpointMeters {
  static final String CONNECTIONS = "hotswap.endpoint.connections";
  static final String IN_FLIGHT = "hotswap.endpoint.in.flight";
  static final String IN_FLIGHT_LIMIT = "hotswap.endpoint.in.flight.limit";
  static final String REJECTED = "hotswap.endpoint.rejected";
  static final String PENDING_BYTES = "hotswap.gateway.pending.bytes";
  static final String FRAMES = "hotswap.gateway.frames";
  static final String CLOSED_SLOW = "hotswap.gateway.closed.slow";

  private final MeterRegistry registry;
  private final Map<String, Series> series = new HashMap<>();

  EndpointMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Updates the series of {@code endpoints}, registering those of an endpoint seen first. */
  void apply(List<EndpointStatus> endpoints) {
    for (EndpointStatus endpoint : endpoints) {
      series.computeIfAbsent(endpoint.name(), name -> new Series(endpoint)).update(endpoint);
    }
  }

  /** Removes every meter this registered. */
  void close() {
    series.values().forEach(Series::remove);
    series.clear();
  }

  /** The latest figures of one endpoint, held strongly for the registry's weak references. */
  private final class Series {
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong limit = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong slow = new AtomicLong();
    private final AtomicLong closedSlow = new AtomicLong();
    private final List<Meter> meters = new ArrayList<>();
    private final Tags tags;

    Series(EndpointStatus endpoint) {
      this.tags = Tags.of("endpoint", endpoint.name(), "kind", endpoint.kind());
      gauge(CONNECTIONS, connections, "Connections open on the endpoint now");
      if (endpoint.inFlightLoad().isPresent()) {
        gauge(IN_FLIGHT, inFlight, "Requests or messages of the endpoint in generation code now");
        gauge(IN_FLIGHT_LIMIT, limit, "The endpoint's in-flight bound");
        counter(
            REJECTED,
            rejected,
            Tags.empty(),
            "Requests or messages refused past the in-flight bound (HTTP 503 with Retry-After)");
      }
      if (endpoint.gatewayLoad().isPresent()) {
        gauge(PENDING_BYTES, pendingBytes, "Bytes written and not yet taken by the sockets now");
        counter(FRAMES, written, Tags.of("fate", "written"), "Gateway frames by fate");
        counter(FRAMES, dropped, Tags.of("fate", "dropped"), "Gateway frames by fate");
        counter(FRAMES, slow, Tags.of("fate", "slow"), "Gateway frames by fate");
        counter(
            CLOSED_SLOW,
            closedSlow,
            Tags.empty(),
            "Connections closed as too slow (WebSocket status 1008)");
      }
    }

    void update(EndpointStatus endpoint) {
      connections.set(endpoint.openConnections());
      endpoint.inFlightLoad().ifPresent(this::update);
      endpoint.gatewayLoad().ifPresent(this::update);
    }

    private void update(InFlightStatus load) {
      inFlight.set(load.inFlight());
      limit.set(load.maxInFlight());
      rejected.accumulateAndGet(load.rejected(), Math::max);
    }

    private void update(GatewayLoadStatus load) {
      pendingBytes.set(load.pendingBytes());
      written.accumulateAndGet(load.written(), Math::max);
      dropped.accumulateAndGet(load.dropped(), Math::max);
      slow.accumulateAndGet(load.slow(), Math::max);
      closedSlow.accumulateAndGet(load.closedSlow(), Math::max);
    }

    private void gauge(String name, AtomicLong value, String description) {
      meters.add(
          Gauge.builder(name, value, AtomicLong::get)
              .description(description)
              .tags(tags)
              .register(registry));
    }

    private void counter(String name, AtomicLong value, Tags extra, String description) {
      meters.add(
          FunctionCounter.builder(name, value, AtomicLong::get)
              .description(description)
              .tags(tags.and(extra))
              .register(registry));
    }

    void remove() {
      meters.forEach(registry::remove);
    }
  }
}
