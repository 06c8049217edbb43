package io.hotswap.internal.generation;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.loader.GenerationClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One generation: its snapshot and classloader, the deployments and bindings made from them, its
 * in-flight ledger and its place in the lifecycle. The supervisor drives it; {@link #release()}
 * drops every reference the host holds to its code, after which only plain values remain.
 *
 * <p>Thread-safe for readers: lifecycle fields are volatile and written by the supervisor and the
 * retirement that it starts, one phase at a time.
 */
public final class Generation {
  private final long id;
  private final String trigger;
  private final Instant createdAt = Instant.now();
  private volatile GenerationState state = GenerationState.LOADING;
  private volatile String snapshotId = "";
  private volatile GenerationClassLoader loader;
  private volatile GenerationFiles files;
  private volatile List<String> deploymentIds = List.of();
  private volatile InflightLedger ledger;
  private volatile List<InstanceHooks> hooks = List.of();
  private volatile Instant activatedAt;
  private volatile Instant retiredAt;
  private volatile long cancelledAtDrain;
  private volatile long served;
  private volatile Duration timeToCollection;
  private volatile String failure;
  private volatile List<String> warnings = List.of();

  Generation(long id, String trigger) {
    this.id = id;
    this.trigger = trigger;
  }

  /** The generation number. */
  public long id() {
    return id;
  }

  /** The label used in every log line: {@code gen-<id>}. */
  public String label() {
    return "gen-" + id;
  }

  /** The current lifecycle state. */
  public GenerationState state() {
    return state;
  }

  void state(GenerationState next) {
    state = next;
  }

  void loaded(String snapshotId, GenerationClassLoader loader, GenerationFiles files) {
    this.snapshotId = snapshotId;
    this.loader = loader;
    this.files = files;
  }

  /** Records what it runs without (classes left unlinked); shown in status. */
  void warnings(List<String> found) {
    warnings = List.copyOf(found);
  }

  /** What it runs without. */
  List<String> warnings() {
    return warnings;
  }

  /** Its files (materialized resources, file resolver), until the generation is released. */
  GenerationFiles files() {
    return files;
  }

  /** The classloader, until the generation is released. */
  GenerationClassLoader loader() {
    return loader;
  }

  void started(List<String> deploymentIds, InflightLedger ledger) {
    this.deploymentIds = List.copyOf(deploymentIds);
    this.ledger = ledger;
  }

  List<String> deploymentIds() {
    return deploymentIds;
  }

  InflightLedger ledger() {
    return ledger;
  }

  /** The health checks and hand-offs its instances declared (empty once released). */
  List<InstanceHooks> hooks() {
    return hooks;
  }

  void hooks(List<InstanceHooks> declared) {
    hooks = List.copyOf(declared);
  }

  void activated() {
    activatedAt = Instant.now();
    state = GenerationState.ACTIVE;
  }

  void cancelledAtDrain(long cancelled) {
    cancelledAtDrain = cancelled;
  }

  /** Records the final count of requests and messages it served, before it is released. */
  void served(long count) {
    served = count;
  }

  /** Requests and messages served, as recorded at retirement (0 while active). */
  long servedAtRetirement() {
    return served;
  }

  void failed(String cause) {
    failure = cause;
    state = GenerationState.FAILED;
  }

  void retired() {
    retiredAt = Instant.now();
    state = GenerationState.RETIRED;
  }

  /** Records the verdict of the loader tracker; a failed generation stays FAILED. */
  void collected(Duration after) {
    timeToCollection = after;
    if (state != GenerationState.FAILED) {
      state = GenerationState.COLLECTED;
    }
  }

  void leaked(String why) {
    if (state != GenerationState.FAILED) {
      failure = why;
      state = GenerationState.LEAKED;
    }
  }

  /**
   * Drops every reference to the generation's code: its classloader, files, deployments and ledger.
   * The loader must be handed to the tracker before this call, by the caller, if it is to be
   * tracked.
   */
  void release() {
    loader = null;
    files = null;
    ledger = null;
    hooks = List.of();
    deploymentIds = List.of();
  }

  /** A value snapshot of this generation for status views. */
  public GenerationInfo info() {
    return new GenerationInfo(
        id,
        state,
        snapshotId,
        trigger,
        createdAt,
        Optional.ofNullable(activatedAt),
        Optional.ofNullable(retiredAt),
        cancelledAtDrain,
        Optional.ofNullable(timeToCollection),
        Optional.ofNullable(failure),
        warnings);
  }
}
