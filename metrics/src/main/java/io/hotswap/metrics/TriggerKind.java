package io.hotswap.metrics;

import java.util.Locale;
import java.util.Set;

/**
 * The bounded {@code trigger} tag of the reload meters: the trigger kinds hotswap itself uses and
 * {@code other} for anything else an embedding application passes to {@code reload(String)}, so a
 * free-form trigger cannot grow the number of series.
 *
 * <p>Stateless; thread-safe.
 */
final class TriggerKind {
  /** The tag value of a trigger that is not one of {@link #KNOWN}. */
  static final String OTHER = "other";

  /** The triggers of core, the command line, the cluster and the tests. */
  static final Set<String> KNOWN =
      Set.of(
          "start",
          "api",
          "watch",
          "conf",
          "jmx",
          "cli",
          "signal",
          "auto-rollback",
          "cluster",
          "test");

  private TriggerKind() {}

  /** The tag value for {@code trigger}. */
  static String of(String trigger) {
    if (trigger == null) {
      return OTHER;
    }
    String kind = trigger.toLowerCase(Locale.ROOT);
    return KNOWN.contains(kind) ? kind : OTHER;
  }
}
