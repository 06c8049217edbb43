package io.hotswap.internal.generation;

import io.hotswap.GenerationInfo;
import io.hotswap.GenerationState;
import io.hotswap.internal.endpoint.InflightLedger;
import io.hotswap.internal.endpoint.LedgerFigures;
import io.hotswap.loader.GenerationClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One generation: its snapshot and classloader, the deployments and bindings made from them, its
 * in-flight ledger and its place in the lifecycle. The supervisor drives it; {@link #release()}
 * drops every reference the host holds to its code, after which only plain values remain.
 *
 * <p>Its place in the lifecycle is a {@link GenerationLifecycle}: each lifecycle method below is
 * one transition of it (checked, logged and recorded in the history there).
 *
 * <p>Thread-safe for readers: lifecycle fields are volatile and written by the supervisor and the
 * retirement that it starts, one phase at a time.
 */
public final class Generation {
  private final long id;
  private final String trigger;
  private final Instant createdAt = Instant.now();
  private final GenerationLifecycle lifecycle;
  private volatile String snapshotId = "";
  private volatile GenerationClassLoader loader;
  private volatile GenerationFiles files;
  private volatile List<String> deploymentIds = List.of();
  private volatile InflightLedger ledger;
  private volatile List<InstanceHooks> hooks = List.of();
  private volatile Instant activatedAt;
  private volatile Instant retiredAt;
  private volatile long cancelledAtDrain;
  private volatile LedgerFigures counted = LedgerFigures.NONE;
  private volatile Duration timeToCollection;
  private volatile String failure;
  private volatile List<String> warnings = List.of();

  /** A generation in LOADING; {@code changed} records each of its lifecycle changes. */
  Generation(long id, String trigger, Consumer<Generation> changed) {
    this.id = id;
    this.trigger = trigger;
    this.lifecycle = new GenerationLifecycle(label(), () -> changed.accept(this));
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
    return lifecycle.state();
  }

  /** Its lifecycle: the state machine and the phase timings. */
  GenerationLifecycle lifecycle() {
    return lifecycle;
  }

  /** Announces LOADING, the state it was created in. */
  void loading() {
    lifecycle.begin("(trigger: " + trigger + ")");
  }

  /** LOADING → STARTING: its classes are loaded, {@code entries} entry classes to deploy. */
  void starting(int entries) {
    lifecycle.moveTo(GenerationState.STARTING, () -> {}, entries + " entries");
  }

  /** STARTING → CHECKING: every instance started. */
  void checking() {
    lifecycle.moveTo(GenerationState.CHECKING, () -> {}, "");
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

  /** CHECKING → ACTIVE: the binding table names it; {@code detail} ends the log line. */
  void activated(String detail) {
    lifecycle.moveTo(GenerationState.ACTIVE, () -> activatedAt = Instant.now(), detail);
  }

  /** ACTIVE → DRAINING: it takes no new traffic. */
  void draining() {
    lifecycle.moveTo(GenerationState.DRAINING, () -> {}, "");
  }

  void cancelledAtDrain(long cancelled) {
    cancelledAtDrain = cancelled;
  }

  /** Records what its ledger counted in the end, before it is released. */
  void countedAtRetirement(LedgerFigures figures) {
    counted = figures.released();
  }

  /** What its ledger counted, as recorded at retirement (nothing while active). */
  LedgerFigures countedAtRetirement() {
    return counted;
  }

  /**
   * LOADING, STARTING or CHECKING → FAILED with {@code cause}; {@code context} says what serves
   * instead.
   */
  void failed(Throwable cause, String context) {
    lifecycle.moveTo(
        GenerationState.FAILED,
        () -> failure = cause.toString(),
        ", " + context + ": " + cause,
        cause);
  }

  /** DRAINING → RETIRED: undeployed and released; {@code detail} ends the log line. */
  void retired(String detail) {
    lifecycle.moveTo(GenerationState.RETIRED, () -> retiredAt = Instant.now(), detail);
  }

  /**
   * The loader tracker's verdict: RETIRED → COLLECTED; a failed generation stays FAILED and the
   * time is noted.
   */
  void collected(Duration after) {
    String detail =
        "its classloader was garbage collected " + after.toMillis() + " ms after it was released";
    if (lifecycle.state() == GenerationState.FAILED) {
      lifecycle.noted(": " + detail, () -> timeToCollection = after);
    } else {
      lifecycle.moveTo(GenerationState.COLLECTED, () -> timeToCollection = after, ": " + detail);
    }
  }

  /** The loader tracker's verdict: RETIRED → LEAKED, {@code why}; a failed one stays FAILED. */
  void leaked(String why) {
    if (lifecycle.state() == GenerationState.FAILED) {
      lifecycle.noted(": its classloader is still reachable", () -> {});
    } else {
      lifecycle.moveTo(GenerationState.LEAKED, () -> failure = why, ": " + why);
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
        lifecycle.state(),
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
