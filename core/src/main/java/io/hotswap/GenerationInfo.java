package io.hotswap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is known of one generation at one instant: a value, safe to keep — it holds no reference to
 * the generation's classes or classloader.
 *
 * @param id the generation number, 1 for the first load
 * @param state its lifecycle state when this value was taken
 * @param snapshotId the short content hash of its snapshot, or {@code ""} if no snapshot was taken
 * @param trigger what asked for the reload that created it ({@code api}, {@code start}, ...)
 * @param createdAt when loading began
 * @param activatedAt when it cut over, if it did
 * @param retiredAt when it retired, if it did
 * @param cancelledAtDrain requests and messages still in flight at the drain timeout, answered by
 *     the host instead (HTTP 503)
 * @param timeToCollection how long after retiring its classloader was collected, if it was
 * @param failure why it failed or leaked, if it did
 * @param warnings what it runs without (classes left unlinked, see {@link
 *     ReloadOutcome#warnings()})
 */
public record GenerationInfo(
    long id,
    GenerationState state,
    String snapshotId,
    String trigger,
    Instant createdAt,
    Optional<Instant> activatedAt,
    Optional<Instant> retiredAt,
    long cancelledAtDrain,
    Optional<Duration> timeToCollection,
    Optional<String> failure,
    List<String> warnings) {

  /** Copies the warnings. */
  public GenerationInfo {
    warnings = List.copyOf(warnings);
  }

  /** The generation's label in logs: {@code gen-<id>}. */
  public String label() {
    return "gen-" + id;
  }
}
