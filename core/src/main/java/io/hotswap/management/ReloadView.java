package io.hotswap.management;

import io.hotswap.ReloadOutcome;
import java.beans.ConstructorProperties;

/** A reload outcome as JMX clients see it: an MXBean composite value of open types. Immutable. */
public final class ReloadView {
  private final String status;
  private final long generation;
  private final long previous;
  private final String snapshotId;
  private final long totalMillis;
  private final long loadingMillis;
  private final long startingMillis;
  private final String failure;
  private final String description;

  /** Creates a view; used by the MXBean framework to rebuild one on a client with the class. */
  @ConstructorProperties({
    "status",
    "generation",
    "previous",
    "snapshotId",
    "totalMillis",
    "loadingMillis",
    "startingMillis",
    "failure",
    "description"
  })
  public ReloadView(
      String status,
      long generation,
      long previous,
      String snapshotId,
      long totalMillis,
      long loadingMillis,
      long startingMillis,
      String failure,
      String description) {
    this.status = status;
    this.generation = generation;
    this.previous = previous;
    this.snapshotId = snapshotId;
    this.totalMillis = totalMillis;
    this.loadingMillis = loadingMillis;
    this.startingMillis = startingMillis;
    this.failure = failure;
    this.description = description;
  }

  /** The view of {@code outcome}. */
  public static ReloadView of(ReloadOutcome outcome) {
    return new ReloadView(
        outcome.status().name(),
        outcome.generation(),
        outcome.previous(),
        outcome.snapshotId(),
        outcome.timings().total().toMillis(),
        outcome.timings().loading().toMillis(),
        outcome.timings().starting().toMillis(),
        outcome.failure().map(Throwable::toString).orElse(""),
        outcome.describe());
  }

  /** ACTIVATED, FAILED, REFUSED or UNCHANGED. */
  public String getStatus() {
    return status;
  }

  /** The new generation's id (0 when refused). */
  public long getGeneration() {
    return generation;
  }

  /** The generation active before. */
  public long getPrevious() {
    return previous;
  }

  /** The short snapshot id loaded. */
  public String getSnapshotId() {
    return snapshotId;
  }

  /** Trigger to cutover, in milliseconds. */
  public long getTotalMillis() {
    return totalMillis;
  }

  /** Loading phase, in milliseconds. */
  public long getLoadingMillis() {
    return loadingMillis;
  }

  /** Starting phase, in milliseconds. */
  public long getStartingMillis() {
    return startingMillis;
  }

  /** The failure cause or refusal reason, or empty. */
  public String getFailure() {
    return failure;
  }

  /** The one-line description the logs print. */
  public String getDescription() {
    return description;
  }
}
