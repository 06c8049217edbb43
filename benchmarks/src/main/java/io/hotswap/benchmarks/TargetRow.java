package io.hotswap.benchmarks;

/**
 * One row of the generated targets table of {@code RESULTS.md}.
 *
 * @param target what is measured
 * @param goal the bound
 * @param measured the figure judged against the goal
 * @param spread how far it moved: across pairs, reloads or JMH's interval
 * @param verdict the outcome
 */
record TargetRow(String target, String goal, String measured, String spread, Verdict verdict) {

  /** The outcome of a target. */
  enum Verdict {
    /** The measured figure meets the goal. */
    PASS,
    /** It does not. */
    MISS,
    /** A run of the part had errors (non-2xx, socket errors, failed requests): no figure. */
    VOID,
    /** The part did not run or left no result. */
    NOT_RUN;

    /** How the table shows it. */
    String label() {
      return switch (this) {
        case PASS -> "PASS";
        case MISS -> "**MISS**";
        case VOID -> "**VOID**";
        case NOT_RUN -> "not run";
      };
    }

    /** PASS when {@code pass}, MISS otherwise. */
    static Verdict of(boolean pass) {
      return pass ? PASS : MISS;
    }
  }

  /** A row for a part that left no result. */
  static TargetRow notRun(String target, String goal, String why) {
    return new TargetRow(target, goal, "—", why, Verdict.NOT_RUN);
  }
}
