package io.hotswap;

import java.util.List;
import java.util.Optional;

/**
 * Everything the status views show of one instance at one instant: generations with their in-flight
 * and served counts, endpoints with their open connections, and the recent reloads. A value; it
 * holds no reference to generation code.
 *
 * @param name the application name
 * @param generations the known generations, oldest first
 * @param endpoints the host endpoints
 * @param recentReloads the most recent reloads, oldest first
 * @param reloadCount how many reloads ended since start, whatever their outcome
 * @param store the state store's size and statistics
 * @param jvm metaspace and class counts of the whole JVM, so a leak shows without a profiler
 */
public record StatusReport(
    String name,
    List<GenerationStatus> generations,
    List<EndpointStatus> endpoints,
    List<ReloadRecord> recentReloads,
    long reloadCount,
    StoreStatus store,
    JvmStatus jvm) {

  /** Copies the lists. */
  public StatusReport {
    generations = List.copyOf(generations);
    endpoints = List.copyOf(endpoints);
    recentReloads = List.copyOf(recentReloads);
    java.util.Objects.requireNonNull(jvm, "jvm");
  }

  /**
   * A generation with its traffic counts.
   *
   * @param info lifecycle facts
   * @param inFlight requests and messages in flight now
   * @param served requests and messages dispatched to it since it became active
   * @param failed of those, how many failed: an HTTP 5xx answer (503s the host sends for the
   *     generation at the drain timeout excluded), a handler that threw, a failed reply
   * @param timing how long its requests and messages took, once request timing is on (the metrics
   *     binding turns it on); empty while it is off
   */
  public record GenerationStatus(
      GenerationInfo info, int inFlight, long served, long failed, Optional<Timing> timing) {

    /** Checks the timing is present or empty, never null. */
    public GenerationStatus {
      java.util.Objects.requireNonNull(timing, "timing");
    }

    /** A generation's counts without failures or timing. */
    public GenerationStatus(GenerationInfo info, int inFlight, long served) {
      this(info, inFlight, served, 0, Optional.empty());
    }
  }

  /**
   * How long a generation's timed requests and messages took, from dispatch to the end of the
   * answer (the response ended, the reply sent). A value.
   *
   * @param count how many timed requests and messages ended
   * @param totalNanos their summed time
   * @param maxNanos the longest of them
   */
  public record Timing(long count, long totalNanos, long maxNanos) {

    /** The mean time in nanoseconds; 0 when nothing was timed. */
    public double meanNanos() {
      return count == 0 ? 0 : (double) totalNanos / count;
    }
  }

  /**
   * The state store's size and statistics since start.
   *
   * @param entries entries now
   * @param hits reads that found a value
   * @param misses reads that found none
   * @param evictions entries evicted by the size or idle bounds
   */
  public record StoreStatus(long entries, long hits, long misses, long evictions) {}

  /**
   * An endpoint and its load.
   *
   * @param name the endpoint's name
   * @param kind {@code http}, {@code event-bus}, ...
   * @param address the port or event-bus address it serves
   * @param openConnections connections open now (0 for endpoints without connections)
   */
  public record EndpointStatus(
      String name,
      String kind,
      String address,
      int openConnections,
      Optional<GatewayLoadStatus> gatewayLoad,
      Optional<InFlightStatus> inFlightLoad) {
    /** The status of an endpoint that sheds nothing (event bus). */
    public EndpointStatus(String name, String kind, String address, int openConnections) {
      this(name, kind, address, openConnections, Optional.empty(), Optional.empty());
    }
  }

  /**
   * The in-flight bound of an HTTP or event-bus endpoint and what it shed. A value.
   *
   * @param inFlight requests or messages in generation code now
   * @param maxInFlight the endpoint's bound; past it requests get 503 with {@code Retry-After} and
   *     messages a failure with code 503
   * @param rejected requests or messages refused for the bound since the host started
   */
  public record InFlightStatus(int inFlight, int maxInFlight, long rejected) {}

  /**
   * What a connection endpoint shed under overload since the host started ({@link
   * io.hotswap.GatewayLimits}). A value.
   *
   * @param pendingBytes bytes (payload and bookkeeping) written and not yet taken by sockets now
   * @param written frames written
   * @param dropped frames not written to shed load (a loop's broadcast queue or the endpoint's
   *     budget was full)
   * @param slow frames refused because their connection read too slowly
   * @param closedSlow connections closed as too slow (WebSocket status 1008)
   */
  public record GatewayLoadStatus(
      long pendingBytes, long written, long dropped, long slow, long closedSlow) {}

  /**
   * JVM-wide figures that show class loader leaks: metaspace used and class counts. A value.
   *
   * @param metaspaceUsedBytes bytes used in the {@code Metaspace} memory pool, -1 if the JVM has
   *     none
   * @param loadedClasses classes loaded now
   * @param totalLoadedClasses classes loaded since the JVM started
   * @param unloadedClasses classes unloaded since the JVM started
   */
  public record JvmStatus(
      long metaspaceUsedBytes, int loadedClasses, long totalLoadedClasses, long unloadedClasses) {}
}
