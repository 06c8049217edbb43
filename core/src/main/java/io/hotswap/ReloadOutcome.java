package io.hotswap;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one reload did: which generation it activated and how long each phase took, or why it failed
 * or was refused. A value; it holds no reference to generation code.
 *
 * @param status activated, failed or refused
 * @param generation the new generation's id, or 0 when the reload was refused before loading
 * @param previous the generation that was active before, or 0 if none was
 * @param snapshotId the short id of the snapshot loaded, or {@code ""}
 * @param timings how long each phase took
 * @param failure the cause of a failure (a {@link GenerationException}, detached from the
 *     generation's classes) or the reason of a refusal, if any
 * @param warnings what the new generation runs without, e.g. classes left unlinked because an
 *     optional dependency is absent and nothing reachable from the entry points uses them
 */
public record ReloadOutcome(
    Status status,
    long generation,
    long previous,
    String snapshotId,
    ReloadTimings timings,
    Optional<Throwable> failure,
    List<String> warnings) {

  /** Copies the warnings. */
  public ReloadOutcome {
    warnings = List.copyOf(warnings);
  }

  /** An outcome without warnings. */
  public ReloadOutcome(
      Status status,
      long generation,
      long previous,
      String snapshotId,
      ReloadTimings timings,
      Optional<Throwable> failure) {
    this(status, generation, previous, snapshotId, timings, failure, List.of());
  }

  /** How a reload ended. */
  public enum Status {
    /** The new generation took over all endpoints. */
    ACTIVATED,
    /** The new generation failed before it took traffic; the previous one keeps serving. */
    FAILED,
    /** The reload was not attempted (too many generations draining, or closing). */
    REFUSED,
    /**
     * Nothing to do: the reload was asked for only if the code changed, and the snapshot has the
     * active generation's content hash.
     */
    UNCHANGED
  }

  /** Whether the new generation took over. */
  public boolean activated() {
    return status == Status.ACTIVATED;
  }

  /** A one-line human description, as the logs and the CLI print it. */
  public String describe() {
    return switch (status) {
      case ACTIVATED ->
          String.format(
                  "gen-%d ACTIVATED (snapshot %s) in %d ms: load %d ms, start %d ms",
                  generation,
                  snapshotId,
                  timings.total().toMillis(),
                  timings.loading().toMillis(),
                  timings.starting().toMillis())
              + (warnings.isEmpty()
                  ? ""
                  : "; " + warnings.size() + " warning(s): " + String.join("; ", warnings));
      case FAILED ->
          String.format(
              "gen-%d FAILED, %s: %s",
              generation,
              previous == 0 ? "no generation serves" : "gen-" + previous + " keeps serving",
              failure.map(Throwable::toString).orElse("unknown cause"));
      case REFUSED ->
          "reload REFUSED: " + failure.map(Throwable::getMessage).orElse("no reason given");
      case UNCHANGED ->
          String.format("reload skipped: snapshot %s is what gen-%d runs", snapshotId, previous);
    };
  }

  /**
   * Durations of the phases of one reload, measured in the process.
   *
   * @param loading snapshot, classloader, define and link, entry-point discovery
   * @param starting deploying the entry verticles
   * @param total trigger received to cutover published (or to failure)
   */
  public record ReloadTimings(Duration loading, Duration starting, Duration total) {
    /** Timings of a reload that did nothing. */
    public static final ReloadTimings NONE =
        new ReloadTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** Whether this outcome carries a failure. */
  public boolean failed() {
    return status == Status.FAILED;
  }

  /** The cause, when there is one; convenience for callers that log it. */
  public Optional<String> failureMessage() {
    return failure.map(t -> t.getMessage() == null ? t.toString() : t.getMessage());
  }
}
