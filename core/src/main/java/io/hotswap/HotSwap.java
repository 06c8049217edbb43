package io.hotswap;

import io.hotswap.internal.HotSwapInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the reloadable code of one application inside a host Vert.x instance: binds the host
 * endpoints, loads the code source as generation 1, and replaces it with a new generation on every
 * {@link #reload()} without dropping a request.
 *
 * <p>Lifecycle: {@link #create} builds it, {@link #start()} binds the endpoints and loads the first
 * generation, {@link #reload()} may be called any number of times from any thread, {@link #close()}
 * retires the active generation and closes the endpoints. The host {@code Vertx} is never closed by
 * hotswap.
 *
 * <p>Thread-safe: every method may be called from any thread; reloads are serialized and coalesced
 * by the supervisor.
 */
public interface HotSwap {

  /** Creates an instance for {@code vertx}; nothing is bound or loaded until {@link #start()}. */
  static HotSwap create(Vertx vertx, HotSwapOptions options) {
    return new HotSwapInstance(vertx, options);
  }

  /**
   * Binds every endpoint and loads the first generation. The future fails only when an endpoint
   * cannot be bound; a first generation that fails to load completes it with a {@link
   * ReloadOutcome.Status#FAILED} outcome, and the endpoints then answer that no generation is
   * active (HTTP 503) until a reload succeeds.
   */
  Future<ReloadOutcome> start();

  /** Asks for a reload, triggered by the Java API. Same as {@code reload("api")}. */
  Future<ReloadOutcome> reload();

  /**
   * Asks for a reload and says which trigger asked (for logs and status). While a reload runs,
   * every request that arrives joins one follow-up reload, whose outcome all of them get. The
   * future never fails: a failed or refused reload is an outcome, with its cause.
   */
  Future<ReloadOutcome> reload(String trigger);

  /**
   * Asks for a reload that is skipped, with an {@link ReloadOutcome.Status#UNCHANGED} outcome, when
   * the code source's content hash equals the active generation's: what the file watch uses, so a
   * touch or an identical rebuild changes nothing.
   */
  Future<ReloadOutcome> reloadIfChanged(String trigger);

  /**
   * Reloads a snapshot kept in memory, through the same lifecycle and without reading the code
   * source: {@code target} is a generation ({@code 7} or {@code gen-7}) or a snapshot id. An
   * unknown or evicted target is {@link ReloadOutcome.Status#REFUSED}.
   */
  Future<ReloadOutcome> reloadTo(String target);

  /** Reloads the snapshot of the generation that was active before the current one. */
  Future<ReloadOutcome> rollback();

  /** The host's state store, the same one generations reach through {@code Bindings#store()}. */
  io.hotswap.api.StateStore store();

  /** Generations with their traffic counts, endpoints, and the recent reloads. */
  Future<StatusReport> status();

  /** The generations this instance knows of, oldest first, as a snapshot of their state. */
  List<GenerationInfo> generations();

  /** The generation that takes traffic now, if any. */
  Optional<GenerationInfo> activeGeneration();

  /**
   * How many requests and messages generation {@code generation} has in flight now, summed over the
   * lanes; 0 for a generation that is not ACTIVE or DRAINING.
   */
  Future<Integer> inFlight(long generation);

  /**
   * The port the HTTP endpoint {@code endpoint} is bound to (useful with port 0).
   *
   * @throws IllegalArgumentException when there is no such HTTP endpoint
   * @throws IllegalStateException before {@link #start()} bound the endpoints
   */
  int httpPort(String endpoint);

  /**
   * The port the TCP endpoint {@code endpoint} is bound to (useful with port 0).
   *
   * @throws IllegalArgumentException when there is no such TCP endpoint
   * @throws IllegalStateException before {@link #start()} bound the endpoints
   */
  int tcpPort(String endpoint);

  /**
   * Calls {@code listener} with a value snapshot on every lifecycle change of every generation, on
   * the thread that made the change; it must return quickly.
   */
  void addListener(Consumer<GenerationInfo> listener);

  /**
   * Runs {@code action} after a stop asked for by a management trigger (the JMX {@code stop}
   * operation, {@code bin/hotswap stop}, SIGTERM or SIGINT) has closed this instance. The generic
   * host of {@code bin/hotswap run} exits the JVM there; an embedding application decides.
   */
  void onStop(Runnable action);

  /** The options this instance was created with. */
  HotSwapOptions options();

  /**
   * Retires the active generation (drained with the drain timeout), waits for the generations still
   * draining, and closes the endpoints.
   */
  Future<Void> close();
}
