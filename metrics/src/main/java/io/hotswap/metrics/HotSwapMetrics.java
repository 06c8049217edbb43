package io.hotswap.metrics;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.HotSwap;
import io.hotswap.StatusReport;
import io.hotswap.StatusReport.GenerationStatus;
import io.hotswap.internal.spi.HotSwapInternal;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters for one hotswap instance, read through its public API (and the internal SPI, to
 * turn request timing on: {@link HotSwapInternal#timeRequests()}): {@link HotSwap#status()} polled
 * on a periodic timer of the host's Vert.x, and {@link HotSwap#addListener} for lifecycle
 * transitions (drain times, fates, and a prompt poll after each change). The meters and their tags
 * are listed in {@code docs/metrics.md}.
 *
 * <p>Lifecycle: {@link #bind} registers the meters and starts polling; {@link #close()} stops and
 * removes every meter it registered. The instance has no way to remove a listener, so the one this
 * adds stays and does nothing after {@link #close()}.
 *
 * <p>Thread-safe: reports are applied one at a time; the listener may run on any thread.
 */
public final class HotSwapMetrics implements AutoCloseable {
  /** How often the status is polled unless told otherwise: 1 s. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(HotSwapMetrics.class);

  private final String name;
  private final ReloadMeters reloads;
  private final GenerationMeters generations;
  private final EndpointMeters endpoints;
  private final ActiveGenerationMeter active;
  private final StateMeters states;
  private final DrainMeter drains;
  private final StatusPoller poller;
  private volatile boolean closed;

  private HotSwapMetrics(HotSwap hotSwap, Vertx vertx, MeterRegistry registry, Duration interval) {
    this.name = hotSwap.options().applicationName();
    this.reloads = new ReloadMeters(registry);
    this.generations = new GenerationMeters(registry);
    this.endpoints = new EndpointMeters(registry);
    this.active = new ActiveGenerationMeter(registry);
    this.states = new StateMeters(registry);
    this.drains = new DrainMeter(registry, Clock.systemUTC());
    this.poller = new StatusPoller(hotSwap, vertx, interval, this::apply);
  }

  /** Binds with the {@link #DEFAULT_INTERVAL}. */
  public static HotSwapMetrics bind(HotSwap hotSwap, Vertx vertx, MeterRegistry registry) {
    return bind(hotSwap, vertx, registry, DEFAULT_INTERVAL);
  }

  /**
   * Registers the meters of {@code hotSwap} in {@code registry} and keeps them current, polling
   * every {@code interval} on {@code vertx} (the host's). May be called before or after {@link
   * HotSwap#start()}; reloads that ended before are counted at the first poll. The timer lives on
   * the caller's Vert.x context, or a new event-loop context when called from another thread: call
   * it from the host (its main thread or a context that lives as long as the instance).
   *
   * @throws IllegalArgumentException when {@code interval} is not positive
   */
  public static HotSwapMetrics bind(
      HotSwap hotSwap, Vertx vertx, MeterRegistry registry, Duration interval) {
    Objects.requireNonNull(hotSwap, "hotSwap");
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(registry, "registry");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("interval must be at least 1 ms, not " + interval);
    }
    HotSwapMetrics metrics = new HotSwapMetrics(hotSwap, vertx, registry, interval);
    // Latency by generation needs each request timed: off until someone watches.
    HotSwapInternal.of(hotSwap).timeRequests();
    hotSwap.addListener(metrics::changed);
    metrics.poller.start();
    LOG.info("'{}': metrics bound, status polled every {} ms", metrics.name, interval.toMillis());
    return metrics;
  }

  private void changed(GenerationInfo info) {
    if (closed) {
      return;
    }
    drains.changed(info);
    states.fate(info);
    if (info.state() == GenerationState.ACTIVE
        || info.state().isFinished()
        || info.state() == GenerationState.DRAINING) {
      poller.pollSoon();
    }
  }

  private synchronized void apply(StatusReport report) {
    if (closed) {
      return;
    }
    reloads.apply(report);
    generations.apply(report.generations());
    endpoints.apply(report.endpoints());
    var infos = report.generations().stream().map(GenerationStatus::info).toList();
    active.apply(infos);
    states.apply(infos);
  }

  /** Stops polling and removes every meter this registered. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    poller.close();
    reloads.close();
    generations.close();
    endpoints.close();
    active.close();
    states.close();
    drains.close();
    LOG.info("'{}': metrics unbound", name);
  }
}
