package io.hotswap.management;

import io.hotswap.GenerationInfo;
import java.beans.ConstructorProperties;

/** A generation as JMX clients see it: an MXBean composite value of open types. Immutable. */
public final class GenerationView {
  private final long id;
  private final String state;
  private final String snapshotId;
  private final String trigger;
  private final String createdAt;
  private final String activatedAt;
  private final String retiredAt;
  private final long cancelledAtDrain;
  private final long collectedAfterMillis;
  private final String failure;

  /** Creates a view; used by the MXBean framework to rebuild one on a client with the class. */
  @ConstructorProperties({
    "id",
    "state",
    "snapshotId",
    "trigger",
    "createdAt",
    "activatedAt",
    "retiredAt",
    "cancelledAtDrain",
    "collectedAfterMillis",
    "failure"
  })
  public GenerationView(
      long id,
      String state,
      String snapshotId,
      String trigger,
      String createdAt,
      String activatedAt,
      String retiredAt,
      long cancelledAtDrain,
      long collectedAfterMillis,
      String failure) {
    this.id = id;
    this.state = state;
    this.snapshotId = snapshotId;
    this.trigger = trigger;
    this.createdAt = createdAt;
    this.activatedAt = activatedAt;
    this.retiredAt = retiredAt;
    this.cancelledAtDrain = cancelledAtDrain;
    this.collectedAfterMillis = collectedAfterMillis;
    this.failure = failure;
  }

  /** The view of {@code info}. */
  public static GenerationView of(GenerationInfo info) {
    return new GenerationView(
        info.id(),
        info.state().name(),
        info.snapshotId(),
        info.trigger(),
        info.createdAt().toString(),
        info.activatedAt().map(Object::toString).orElse(""),
        info.retiredAt().map(Object::toString).orElse(""),
        info.cancelledAtDrain(),
        info.timeToCollection().map(d -> d.toMillis()).orElse(-1L),
        info.failure().orElse(""));
  }

  /** The generation number. */
  public long getId() {
    return id;
  }

  /** The lifecycle state name. */
  public String getState() {
    return state;
  }

  /** The short snapshot id. */
  public String getSnapshotId() {
    return snapshotId;
  }

  /** The trigger that created it. */
  public String getTrigger() {
    return trigger;
  }

  /** When loading began (ISO-8601). */
  public String getCreatedAt() {
    return createdAt;
  }

  /** When it cut over (ISO-8601), or empty. */
  public String getActivatedAt() {
    return activatedAt;
  }

  /** When it retired (ISO-8601), or empty. */
  public String getRetiredAt() {
    return retiredAt;
  }

  /** Requests answered by the host at the drain timeout. */
  public long getCancelledAtDrain() {
    return cancelledAtDrain;
  }

  /** Milliseconds from retirement to collection of its loader, or -1. */
  public long getCollectedAfterMillis() {
    return collectedAfterMillis;
  }

  /** Why it failed or leaked, or empty. */
  public String getFailure() {
    return failure;
  }
}
